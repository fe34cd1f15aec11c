using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>The step came due inside quiet hours; it is decided again at <see cref="Until"/>.</summary>
public sealed record DeferReminder(Instant At, CustomerRef Customer, StepPath Path, Instant Until) : Effect(At, Customer)
{
    public override string WireName => "message.deferred";
}
