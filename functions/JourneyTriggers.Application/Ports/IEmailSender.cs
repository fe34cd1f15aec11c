using JourneyTriggers.Application.Messages;
using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>Hands one rendered email to a provider (Communication Services Email, an SMTP server).</summary>
public interface IEmailSender
{
    /// <summary>
    /// How long the provider recognises a repeated call for the same <see cref="OutboundMessage.MessageId"/>
    /// as the same send (Communication Services' repeatable requests); null when it never does, so an
    /// interrupted send must not be repeated.
    /// </summary>
    Duration? DeduplicationWindow { get; }

    Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
