using JourneyTriggers.Application.Messages;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Hands a rendered reminder to its way out (an outbox now; Communication Services Email and Notification
/// Hubs later). Called again with the same <see cref="OutboundMessage.MessageId"/> after a crash, so an
/// implementation records each id once and never sends one twice.
/// </summary>
public interface IReminderDelivery
{
    Task DeliverAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
