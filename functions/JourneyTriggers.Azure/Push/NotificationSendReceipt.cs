namespace JourneyTriggers.Azure.Push;

/// <summary>
/// What the hub answered a 201 with: the notification id from its <c>Location</c> header (absent on
/// the Free and Basic tiers, where the header is not sent), and its tracking and correlation ids.
/// </summary>
public sealed record NotificationSendReceipt(string? NotificationId, string? TrackingId, string? CorrelationId)
{
    /// <summary>The best id to record for the send: the notification id, else the tracking id.</summary>
    public string? ProviderMessageId => NotificationId ?? TrackingId;
}
