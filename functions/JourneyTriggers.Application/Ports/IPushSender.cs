using JourneyTriggers.Application.Messages;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Hands one rendered push notification to a provider for one of the customer's installations
/// (Notification Hubs direct send). No push provider deduplicates, so an interrupted send is never repeated.
/// </summary>
public interface IPushSender
{
    Task<SendOutcome> SendAsync(OutboundMessage message, string installationId, CancellationToken cancellationToken = default);
}
