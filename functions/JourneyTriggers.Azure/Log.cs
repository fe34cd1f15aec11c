using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure;

/// <summary>
/// Every log line of the Azure adapters. Customer pseudonyms (<c>CustomerPseudonyms</c>), message ids and status codes are
/// logged; customer ids, document contents, addresses, message bodies, keys and connection strings never are.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning, "Customer {Customer} had unfinished work from an earlier change ({Timers} timer(s), {Messages} message(s), effect log {Effects}); finishing it first")]
    public static partial void FinishingLeftoverWork(this ILogger logger, string customer, int timers, int messages, bool effects);

    [LoggerMessage(4002, LogLevel.Warning, "Customer {Customer} was saved but its follow-up work failed; the next load finishes it")]
    public static partial void PendingWorkFailed(this ILogger logger, string customer, Exception exception);

    [LoggerMessage(4003, LogLevel.Information, "Customer {Customer}: finished work could not be cleared from the document (Cosmos DB {Status}); the next load repeats it harmlessly")]
    public static partial void PendingNotCleared(this ILogger logger, string customer, int status);

    [LoggerMessage(4004, LogLevel.Warning, "Customer {Customer}: clearing finished work failed; the next load repeats it harmlessly")]
    public static partial void PendingClearFailed(this ILogger logger, string customer, Exception exception);

    [LoggerMessage(4005, LogLevel.Warning, "Customer {Customer}: an erasure's second sweep removed {Blobs} record(s) (blobs written while or after it ran, or the document of an erasure left unfinished, which it finished)")]
    public static partial void ErasureSweepRemoved(this ILogger logger, string customer, int blobs);

    [LoggerMessage(4006, LogLevel.Warning, "Customer {Customer}: an erasure's second sweep found them as before the erasure, never marked: that erasure failed and answered so, nothing was erased; send it again if it was not")]
    public static partial void ErasureNeverMarked(this ILogger logger, string customer);

    [LoggerMessage(4007, LogLevel.Warning, "Customer {Customer}: an erasure cut short over ten minutes ago was finished by a save of their new events, which start a new customer")]
    public static partial void ErasureFinishedBySave(this ILogger logger, string customer);

    [LoggerMessage(4101, LogLevel.Information, "Email {MessageId} accepted by Communication Services as operation {OperationId}")]
    public static partial void EmailAccepted(this ILogger logger, string messageId, string? operationId);

    [LoggerMessage(4102, LogLevel.Warning, "Email {MessageId} refused by Communication Services: {Reason}")]
    public static partial void EmailRefused(this ILogger logger, string messageId, string reason);

    [LoggerMessage(4103, LogLevel.Warning, "Email {MessageId} not sent, Communication Services did not take it: {Reason}")]
    public static partial void EmailNotSent(this ILogger logger, string messageId, string reason);

    [LoggerMessage(4104, LogLevel.Warning, "Email {MessageId} may or may not have gone out through Communication Services: {Reason}")]
    public static partial void EmailOutcomeUnknown(this ILogger logger, string messageId, string reason);

    [LoggerMessage(4201, LogLevel.Information, "Push {MessageId} taken by Notification Hubs (notification {NotificationId})")]
    public static partial void PushAccepted(this ILogger logger, string messageId, string? notificationId);

    [LoggerMessage(4202, LogLevel.Warning, "Push {MessageId} not delivered: {Outcome} (HTTP {Status})")]
    public static partial void PushNotDelivered(this ILogger logger, string messageId, string outcome, int status);

    [LoggerMessage(4203, LogLevel.Information, "Push installation {InstallationId} written to Notification Hubs")]
    public static partial void InstallationUpserted(this ILogger logger, string installationId);

    [LoggerMessage(4204, LogLevel.Information, "Push installation {InstallationId} came without a push channel and is unknown to Notification Hubs; nothing to address")]
    public static partial void InstallationNotAtHub(this ILogger logger, string installationId);

    [LoggerMessage(4205, LogLevel.Information, "Push installation {InstallationId} removed from Notification Hubs (HTTP {Status})")]
    public static partial void InstallationDeleted(this ILogger logger, string installationId, int status);
    [LoggerMessage(4010, LogLevel.Debug, "Published {Events} touchpoint(s) to hub {Hub} in {Batches} batch request(s)")]
    public static partial void TouchpointsPublished(ILogger logger, int events, int batches, string hub);

    [LoggerMessage(4011, LogLevel.Warning, "Event Hubs did not take {Events} touchpoint(s) for hub {Hub}: status {Status}, code {ErrorCode}; the collector answers 503")]
    public static partial void PublishFailed(ILogger logger, int events, string hub, int status, string? errorCode);

    [LoggerMessage(4301, LogLevel.Warning, "Reminder {MessageId} for customer {Customer} not taken by the provider for target {TargetId}; tried again later")]
    public static partial void DeliveryNotTaken(this ILogger logger, string messageId, string customer, string targetId);

    [LoggerMessage(4302, LogLevel.Information, "Reminder {MessageId} for customer {Customer} settled: {Verdict}")]
    public static partial void DeliveryFinished(this ILogger logger, string messageId, string customer, string verdict);

    [LoggerMessage(4303, LogLevel.Information, "Reminder {MessageId} for customer {Customer} waits until {Until} (its provider's back-off, the customer's quiet hours, or another attempt's call); a wake-up of its own takes it up then")]
    public static partial void DeliveryWaiting(this ILogger logger, string messageId, string customer, DateTimeOffset until);
}
