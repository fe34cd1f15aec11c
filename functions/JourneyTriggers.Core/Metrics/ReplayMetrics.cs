using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Metrics;

/// <summary>Tallies a replay as it runs: the <see cref="MetricFacts"/> of every decision, into one tally.</summary>
public sealed class ReplayMetrics(TriggerConfiguration configuration) : IReplayObserver
{
    readonly MetricFacts facts = new(configuration);
    readonly MetricsTallyBuilder tally = new();
    readonly Effect[] one = new Effect[1];

    public void Decided(Touchpoint touchpoint, CustomerState before, CustomerState after, IReadOnlyList<Effect> effects) =>
        facts.OfTouchpoint(touchpoint, before, after, effects, tally);

    public void Merged(CustomerIdentified identified, CustomerState known, CustomerState anonymous, CustomerState after, IReadOnlyList<Effect> effects) =>
        facts.OfMerge(identified, known, anonymous, after, effects, tally);

    public void Fired(CustomerState before, IReadOnlyList<Effect> effects) => facts.OfTimer(before, effects, tally);

    public void Rejected(RejectTouchpoint rejection)
    {
        one[0] = rejection;
        facts.OfEffects(one, tally);
    }

    public MetricsTally ToTally() => tally.ToTally();
}
