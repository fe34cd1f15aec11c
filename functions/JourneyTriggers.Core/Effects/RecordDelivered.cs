using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>Record that the provider accepted the reminder <see cref="MessageId"/>, under its own id when it gave one (DESIGN 4.4, 4.6).</summary>
public sealed record RecordDelivered(Instant At, CustomerRef Customer, StepPath Path, Channel Channel, string MessageId, string? ProviderMessageId)
    : Effect(At, Customer)
{
    public override string WireName => "message.delivered";
}
