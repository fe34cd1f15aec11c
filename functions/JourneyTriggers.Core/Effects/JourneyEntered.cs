using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>A journey started: its first step was armed from idle.</summary>
public sealed record JourneyEntered(Instant At, CustomerRef Customer, string Trigger) : Effect(At, Customer)
{
    public override string WireName => "journey.entered";
}
