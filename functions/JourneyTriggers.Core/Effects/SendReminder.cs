using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Send this reminder now. <see cref="MessageId"/> is deterministic, so a retried send can be
/// recognised by us and, where it deduplicates, by the provider.
/// </summary>
public sealed record SendReminder(Instant At, CustomerRef Customer, StepPath Path, Channel Channel, string Template, string MessageId)
    : Effect(At, Customer)
{
    public override string WireName => "message.sent";
}
