using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

public sealed record ExitJourney(Instant At, CustomerRef Customer, string Trigger, ExitReason Reason) : Effect(At, Customer)
{
    public override string WireName => "journey.exited";
}
