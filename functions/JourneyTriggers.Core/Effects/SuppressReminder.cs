using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// The step resolved without a send. For a holdout stand-in, Channel, Template and MessageId name
/// the send it stands in for, so conversions can be credited to it.
/// </summary>
public sealed record SuppressReminder(
    Instant At, CustomerRef Customer, StepPath Path, SuppressionReason Reason,
    Channel? Channel = null, string? Template = null, string? MessageId = null)
    : Effect(At, Customer)
{
    public override string WireName => "message.suppressed";
}
