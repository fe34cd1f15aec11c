using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Replay;

/// <summary>
/// Sees every decision a replay makes with the states around it — what a live host sees at each
/// engine call — so a report can be computed alongside the effects without a second pass.
/// </summary>
public interface IReplayObserver
{
    /// <summary>A touchpoint decided.</summary>
    void Decided(Touchpoint touchpoint, CustomerState before, CustomerState after, IReadOnlyList<Effect> effects);

    /// <summary>A merge decided: the known and the anonymous documents it was given, and the known customer's after it.</summary>
    void Merged(CustomerIdentified identified, CustomerState known, CustomerState anonymous, CustomerState after, IReadOnlyList<Effect> effects);

    /// <summary>A wake-up fired.</summary>
    void Fired(CustomerState before, IReadOnlyList<Effect> effects);

    /// <summary>An input line the replay could not read, rejected outside any decision.</summary>
    void Rejected(RejectTouchpoint rejection);
}
