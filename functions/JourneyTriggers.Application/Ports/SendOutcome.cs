using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// What one provider call came to (DESIGN 4.6). The delivery state machine turns it into
/// <c>message.delivered</c>, <c>message.failed</c>, <c>message.unknown</c> or a later attempt; which of
/// those depends on whether the provider can have taken the message, not on the HTTP status alone.
/// </summary>
public abstract record SendOutcome
{
    SendOutcome() { }

    /// <summary>The provider took the message; its own id for it when it gave one.</summary>
    public sealed record Accepted(string? ProviderMessageId) : SendOutcome;

    /// <summary>A final refusal (a 4xx, or a final failed status): never tried again.</summary>
    public sealed record Refused(string Reason) : SendOutcome;

    /// <summary>
    /// Certainly not taken (throttled, or refused before the provider acted), after the client's own
    /// retries; a later attempt cannot duplicate it. <see cref="RetryAfter"/> is the provider's hint.
    /// </summary>
    public sealed record NotSent(string Reason, Duration? RetryAfter) : SendOutcome;

    /// <summary>May or may not have gone out (a timeout or a lost connection mid-call); never repeated unless the provider deduplicates.</summary>
    public sealed record Unknown(string Reason) : SendOutcome;

    /// <summary>The push installation no longer exists at the provider; the customer's record of it is removed.</summary>
    public sealed record InstallationGone(string InstallationId, string Reason) : SendOutcome;
}
