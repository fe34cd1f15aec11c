using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>An outbox message on its way to a provider, with its delivery record (null: nothing tried yet).</summary>
internal sealed record QueuedMessage(OutboundMessage Message, DeliveryProgress? Progress);
