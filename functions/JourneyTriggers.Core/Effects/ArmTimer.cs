using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Wake this customer's trigger at <see cref="DueAt"/>. Internal to the hosts: the simulator's
/// output and the decision timeline leave it out, since it is plumbing, not a decision.
/// </summary>
public sealed record ArmTimer(Instant At, CustomerRef Customer, string Trigger, TimerToken Token, Instant DueAt) : Effect(At, Customer)
{
    public override string WireName => "timer.armed";
}
