using Azure;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Sends reminder email through Communication Services and says what came of it. It waits for the
/// operation's final status rather than taking the 202 as delivery: ACS accepts first and refuses later
/// (a suppressed recipient, a sender domain not connected), and only the final status tells
/// <c>message.delivered</c> from <c>message.failed</c>. The wait is bounded by the client's call timeout.
/// </summary>
public sealed class AcsEmailSender : IEmailSender, IEmailSendLookup
{
    /// <summary>
    /// ACS tracks repeatable requests for 5 minutes (learn.microsoft.com/rest/api/communication/repeatable-requests:
    /// "currently, the tracked duration is 5 minutes"; older first-sent values get 412). We claim one minute
    /// less: the service starts counting when the first attempt arrives, a little after the message's instant,
    /// and the page says "currently", so the margin also covers a shorter window.
    /// </summary>
    public static readonly Duration Window = Duration.FromMinutes(4);

    readonly AcsEmailClient client;
    readonly string senderAddress;
    readonly TimeProvider time;
    readonly ILogger<AcsEmailSender> logger;

    public AcsEmailSender(AcsEmailClient client, string senderAddress, TimeProvider time, ILogger<AcsEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(senderAddress);
        (this.client, this.senderAddress, this.time, this.logger) = (client, senderAddress, time, logger);
    }

    public Duration? DeduplicationWindow => Window;

    /// <summary>
    /// Every attempt for one message carries the same Repeatability-Request-ID and Operation-Id (from its
    /// id) and, as Repeatability-First-Sent, the message's instant: the delivery state machine repeats a
    /// send only inside <see cref="DeduplicationWindow"/> of that instant. A call later than that is
    /// therefore a late first attempt, and dates itself now, or ACS would answer 412 to an email never sent.
    /// Cancellation by the caller is not an outcome: it propagates, and the pending record decides later.
    /// </summary>
    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var email = message.Email
            ?? throw new ArgumentException($"Message {message.MessageId} has no email content; push reminders go through IPushSender.", nameof(message));
        var now = time.GetUtcNow();
        var at = message.At.ToDateTimeOffset();
        var firstSent = now - at <= Window.ToTimeSpan() ? at : now;
        var request = new AcsEmailMessage(senderAddress, email.To, email.Subject, email.Text, email.Html)
        {
            Headers = email.Headers,
            Repeatability = new RepeatableRequest(SendIds.Repeatability(message.MessageId), firstSent),
            OperationId = SendIds.Operation(message.MessageId),
        };

        EmailSendResult started;
        try
        {
            started = (await client.SendAsync(WaitUntil.Started, request, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e)
        {
            return Log(message, SendFailed(e));
        }

        EmailSendResult final;
        try
        {
            final = started.Status.IsFinal
                ? started
                : (await client.WaitForCompletionAsync(started.Id, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e)
        {
            return Log(message, new SendOutcome.Unknown(
                $"ACS accepted the email as operation {started.Id} but its final status could not be read: {Describe(e)}"));
        }
        return Log(message, Final(final));
    }

    /// <summary>
    /// Reads the status of the send's operation (its Operation-Id comes from the message id, so it is known even when no
    /// answer to the send arrived). Only a final status settles it: ACS keeps an operation's status for a limited time, so
    /// no record of it proves nothing, and a running one may still end either way.
    /// </summary>
    public async Task<SendOutcome> LookUpAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var operationId = SendIds.Operation(message.MessageId).ToString("D");
        EmailSendResult result;
        try
        {
            result = (await client.GetSendResultAsync(operationId, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return Log(message, new SendOutcome.Unknown($"ACS has no record of operation {operationId}"));
        }
        catch (RequestFailedException e)
        {
            return Log(message, new SendOutcome.Unknown($"ACS could not be asked about operation {operationId}: {Describe(e)}"));
        }
        if (!result.Status.IsFinal) return Log(message, new SendOutcome.Unknown($"ACS operation {operationId} is still {result.Status}"));
        return Log(message, Final(result));
    }

    static SendOutcome Final(EmailSendResult final) => final.Status == EmailSendStatus.Succeeded
        ? new SendOutcome.Accepted(final.Id)
        : new SendOutcome.Refused($"ACS operation {final.Id} ended {final.Status}"
            + (final.ErrorCode is null ? "" : $" ({final.ErrorCode})")
            + (ProviderText.Redact(final.ErrorMessage) is { Length: > 0 } why ? $": {why}" : ""));

    /// <summary>
    /// A failed send, after the client's retries. 412 and 409 are ACS's repeatability answers: the first
    /// attempt is too old to judge, or still in progress; either way it may go out. Throttling, server
    /// errors and silence are "not sent" only when no try can have been acted on.
    /// </summary>
    static SendOutcome SendFailed(RequestFailedException e)
    {
        var reason = Describe(e);
        var mayHaveReached = e.Data[AcsEmailClient.MayHaveReachedServiceKey] is true;
        return e.Status switch
        {
            412 => new SendOutcome.Unknown("ACS no longer tracks this email's first attempt, which may have gone out: " + reason),
            409 => new SendOutcome.Unknown("ACS was still processing this email's first attempt: " + reason),
            0 or 408 or 429 or >= 500 when mayHaveReached => new SendOutcome.Unknown(reason),
            0 or 408 or 429 or >= 500 => new SendOutcome.NotSent(reason,
                e.Data[AcsEmailClient.RetryAfterKey] is TimeSpan wait ? Duration.FromTimeSpan(wait) : null),
            _ => new SendOutcome.Refused(reason),
        };
    }

    static string Describe(RequestFailedException e) => e.Message;

    SendOutcome Log(OutboundMessage message, SendOutcome outcome)
    {
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                logger.EmailAccepted(message.MessageId, accepted.ProviderMessageId);
                break;
            case SendOutcome.Refused refused:
                logger.EmailRefused(message.MessageId, refused.Reason);
                break;
            case SendOutcome.NotSent notSent:
                logger.EmailNotSent(message.MessageId, notSent.Reason);
                break;
            case SendOutcome.Unknown unknown:
                logger.EmailOutcomeUnknown(message.MessageId, unknown.Reason);
                break;
        }
        return outcome;
    }
}
