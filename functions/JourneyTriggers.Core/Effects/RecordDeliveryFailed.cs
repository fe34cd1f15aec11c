using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>Record the provider's final refusal of the reminder <see cref="MessageId"/>, in its words.</summary>
public sealed record RecordDeliveryFailed(Instant At, CustomerRef Customer, StepPath Path, Channel Channel, string MessageId, string Reason)
    : Effect(At, Customer)
{
    public override string WireName => "message.failed";
}
