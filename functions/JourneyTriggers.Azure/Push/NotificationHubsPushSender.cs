using Azure;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// <see cref="IPushSender"/> on Notification Hubs. First reads the installation (idempotent, fully
/// retried): that tells the platform, so the payload takes its native shape, and it settles "gone"
/// without sending anything — the hub answers 404 for an installation it no longer has, and marks
/// <c>expiredPushChannel</c> on one whose platform reported the device dead. Then one send, retried
/// only where the hub provably did not take it (<see cref="SendCallClassifier"/>). What it came to:
/// <list type="bullet">
/// <item>201 → <see cref="SendOutcome.Accepted"/> with the notification id (or tracking id);</item>
/// <item>404 or 410 → <see cref="SendOutcome.InstallationGone"/>;</item>
/// <item>401, 403 (quota), 429 (after the client's own retries), and any failure before the send itself
/// → <see cref="SendOutcome.NotSent"/> with the service's <c>Retry-After</c>: nothing went out;</item>
/// <item>other 4xx (a malformed or oversized payload) → <see cref="SendOutcome.Refused"/>;</item>
/// <item>5xx, a timeout or a connection lost mid-send → <see cref="SendOutcome.Unknown"/>: it may have gone out, and a repeat could duplicate it.</item>
/// </list>
/// </summary>
public sealed class NotificationHubsPushSender(NotificationHubsClient client, TimeProvider time, ILogger<NotificationHubsPushSender> logger) : IPushSender
{
    public async Task<SendOutcome> SendAsync(OutboundMessage message, string installationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        if (message.Push is not { } push) return Settled(message, new SendOutcome.Refused("the message has no push content"), 0);

        NotificationHubsInstallation installation;
        try
        {
            installation = (await client.GetInstallationAsync(installationId, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 410)
        {
            return Settled(message, new SendOutcome.InstallationGone(installationId, $"Notification Hubs has no installation '{installationId}' ({e.Status})"), e.Status);
        }
        catch (Exception e) when (CallFailures.IsFailure(e, cancellationToken))
        {
            // Only a read failed: nothing was sent, so a later attempt cannot duplicate anything.
            return Settled(message, new SendOutcome.NotSent($"the installation could not be read: {Describe(e)}", RetryAfter(e)), Status(e));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's deadline came during the read: nothing went out, which is an outcome the machine can act on
            // (tried again later), where cancelling would leave it as a call that may have been taken.
            return Settled(message, new SendOutcome.NotSent("cut short while the installation was read, before anything was sent", null), 0);
        }
        if (installation.PushChannelExpired)
            return Settled(message, new SendOutcome.InstallationGone(installationId, "the push service reported the installation's channel expired"), 200);
        if (PushPlatforms.Parse(installation.Platform) is not { } platform)
            return Settled(message, new SendOutcome.Refused($"the installation's platform '{installation.Platform}' is not apns, fcmv1 or wns"), 200);

        var notification = new PushNotification(platform, push.Title, push.Body, push.DeepLink, message.MessageId);
        try
        {
            var receipt = (await client.SendAsync(notification, installationId, cancellationToken)).Value;
            logger.PushAccepted(message.MessageId, receipt.NotificationId);
            return new SendOutcome.Accepted(receipt.ProviderMessageId);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 410)
        {
            return Settled(message, new SendOutcome.InstallationGone(installationId, Describe(e)), e.Status);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403 or 429)
        {
            return Settled(message, new SendOutcome.NotSent(Describe(e), RetryAfter(e)), e.Status);
        }
        catch (RequestFailedException e) when (e.Status is >= 400 and < 500)
        {
            return Settled(message, new SendOutcome.Refused(Describe(e)), e.Status);
        }
        catch (Exception e) when (CallFailures.IsFailure(e, cancellationToken) && SendCallClassifier.NeverConnected(e))
        {
            return Settled(message, new SendOutcome.NotSent($"no connection to Notification Hubs: {Describe(e)}", null), 0);
        }
        catch (Exception e) when (CallFailures.IsFailure(e, cancellationToken))
        {
            return Settled(message, new SendOutcome.Unknown($"the send may or may not have been taken: {Describe(e)}"), Status(e));
        }
    }

    SendOutcome Settled(OutboundMessage message, SendOutcome outcome, int status)
    {
        logger.PushNotDelivered(message.MessageId, outcome.GetType().Name, status);
        return outcome;
    }

    static int Status(Exception e) => e is RequestFailedException failed ? failed.Status : 0;

    static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } failed => $"Notification Hubs answered {failed.Status}"
            + (failed.GetRawResponse() is { } response && NotificationHubsErrorParser.Detail(response) is var (_, detail) && detail.Length > 0 ? $": {detail}" : ""),
        OperationCanceledException => "timed out",
        AggregateException tries => $"{tries.InnerExceptions.Count} tries failed, the last with {Describe(tries.InnerExceptions[^1])}",
        _ => e.GetType().Name,
    };

    Duration? RetryAfter(Exception e) =>
        e is RequestFailedException failed && failed.GetRawResponse() is { } response && RetryAfterHeader.Of(response, time.GetUtcNow()) is { } wait
            ? Duration.FromTimeSpan(wait)
            : null;
}
