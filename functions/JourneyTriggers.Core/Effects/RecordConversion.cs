using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>An order credited to the last reminder (or holdout stand-in) whose attribution window holds it.</summary>
public sealed record RecordConversion(
    Instant At, CustomerRef Customer, StepPath Path, Channel Channel, string MessageId,
    string OrderId, decimal Revenue, string? Currency, bool Holdout)
    : Effect(At, Customer)
{
    public override string WireName => "conversion";
}
