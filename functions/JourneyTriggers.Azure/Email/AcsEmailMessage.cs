namespace JourneyTriggers.Azure.Email;

/// <summary>
/// One email for <see cref="AcsEmailClient.SendAsync"/>: sender, one recipient, subject, plain-text and
/// HTML parts, custom headers, and the ids that make a repeated send harmless. A class, not a record,
/// so that no generated <c>ToString</c> ever prints an address into a log.
/// </summary>
public sealed class AcsEmailMessage
{
    public AcsEmailMessage(string senderAddress, string recipientAddress, string subject, string plainText, string html)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(senderAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientAddress);
        ArgumentNullException.ThrowIfNull(subject);
        (SenderAddress, RecipientAddress, Subject, PlainText, Html) = (senderAddress, recipientAddress, subject, plainText, html);
    }

    /// <summary>A sender address on a domain connected to the Communication Services resource.</summary>
    public string SenderAddress { get; }

    public string RecipientAddress { get; }

    public string Subject { get; }

    public string PlainText { get; }

    public string Html { get; }

    /// <summary>Custom headers of the email (List-Unsubscribe, List-Unsubscribe-Post), sent in the request's <c>headers</c> field.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Makes a repeat of this send within the service's tracking window return the first answer instead of a second email.</summary>
    public RepeatableRequest? Repeatability { get; init; }

    /// <summary>The caller's id for the send operation (the <c>Operation-Id</c> header); the service makes one up when absent.</summary>
    public Guid? OperationId { get; init; }
}

/// <summary>
/// The OASIS repeatable-requests headers Communication Services Email honours
/// (learn.microsoft.com/rest/api/communication/repeatable-requests): the same <paramref name="RequestId"/>
/// and <paramref name="FirstSent"/> on every attempt of one send.
/// </summary>
public readonly record struct RepeatableRequest(Guid RequestId, DateTimeOffset FirstSent);
