using JourneyTriggers.Application.Messages;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// An email provider that keeps a record of each send it took under an id derived from our message id, and can be
/// asked afterwards what became of it: a send whose outcome was lost (a crash or a timeout mid-call, past the provider's
/// deduplication window) then need not stay unknown.
/// </summary>
public interface IEmailSendLookup
{
    /// <summary>
    /// What the provider says of <paramref name="message"/>'s send: <see cref="SendOutcome.Accepted"/> or
    /// <see cref="SendOutcome.Refused"/> when it reports a final status, else <see cref="SendOutcome.Unknown"/> with why
    /// (no record of it, still in progress, or it could not be asked). Never sends.
    /// </summary>
    Task<SendOutcome> LookUpAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
