using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Record that the send of <see cref="MessageId"/> was interrupted where the provider cannot deduplicate
/// a retry: it may have arrived, and it is never sent again (DESIGN 4.6).
/// </summary>
public sealed record RecordDeliveryUnknown(Instant At, CustomerRef Customer, StepPath Path, Channel Channel, string MessageId, string Reason)
    : Effect(At, Customer)
{
    public override string WireName => "message.unknown";
}
