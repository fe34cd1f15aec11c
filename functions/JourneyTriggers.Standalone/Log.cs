using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Standalone;

/// <summary>
/// Every log line of the standalone adapters. Customers are named by their pseudonym (<c>CustomerPseudonyms</c>), messages
/// by their id; customer ids, addresses, names, message bodies and provider replies (which often quote the address) never are.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Opened {Path} at schema version {Version}")]
    public static partial void DatabaseOpened(this ILogger logger, string path, int version);

    [LoggerMessage(3101, LogLevel.Warning, "Timer {Trigger} #{Token} of {Customer} hit contention (attempt {Attempt}); retrying in {RetryIn}")]
    public static partial void TimerRetrying(this ILogger logger, string customer, string trigger, long token, int attempt, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3102, LogLevel.Error, "Timer {Trigger} #{Token} of {Customer} failed (attempt {Attempt}); retrying in {RetryIn}")]
    public static partial void TimerFailed(this ILogger logger, string customer, string trigger, long token, int attempt, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3103, LogLevel.Information, "Timer {Trigger} #{Token} dropped: customer {Customer} no longer exists")]
    public static partial void TimerDropped(this ILogger logger, string customer, string trigger, long token);

    [LoggerMessage(3104, LogLevel.Error, "The timer pump failed; resuming in {RetryIn}")]
    public static partial void TimerPumpFailed(this ILogger logger, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3201, LogLevel.Information, "Message {MessageId} of {Customer} by {Channel}: {Status}")]
    public static partial void DeliverySettled(this ILogger logger, string messageId, string customer, string channel, string status);

    [LoggerMessage(3203, LogLevel.Warning, "Message {MessageId} of {Customer} not taken by the provider for {Target}; trying again later")]
    public static partial void DeliveryRetrying(this ILogger logger, string messageId, string customer, string target);

    [LoggerMessage(3204, LogLevel.Information, "The outbox dispatcher is stopping: no new send starts, a send in progress is finished and recorded")]
    public static partial void DispatcherStopping(this ILogger logger);

    [LoggerMessage(3208, LogLevel.Error, "The outbox dispatcher failed; resuming in {RetryIn}")]
    public static partial void DispatcherFailed(this ILogger logger, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3301, LogLevel.Warning, "Push installation {InstallationId} of customer {Customer} could not be synchronised (attempt {Attempt}); trying again in {RetryIn}")]
    public static partial void InstallationSyncRetrying(this ILogger logger, string installationId, string customer, int attempt, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3302, LogLevel.Error, "Push installation {InstallationId} of customer {Customer} given up after {Attempts} attempts")]
    public static partial void InstallationSyncAbandoned(this ILogger logger, string installationId, string customer, int attempts, Exception exception);

    [LoggerMessage(3303, LogLevel.Error, "The installation sync failed; resuming in {RetryIn}")]
    public static partial void InstallationSyncFailed(this ILogger logger, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3401, LogLevel.Warning, "The inbox pump could not decide its batch (failure {Failures}, {Error}); trying again in {RetryIn}")]
    public static partial void InboxRetrying(this ILogger logger, int failures, TimeSpan retryIn, string error);

    [LoggerMessage(3402, LogLevel.Error, "A batch of {Count} inbox touchpoints failed ({Error}); deciding them one by one")]
    public static partial void InboxBatchFailed(this ILogger logger, int count, string error);

    [LoggerMessage(3403, LogLevel.Error, "Inbox touchpoint #{Seq} could not be decided and is kept as dead letter {DeadLetterId}")]
    public static partial void InboxDeadLettered(this ILogger logger, long seq, string deadLetterId);

    [LoggerMessage(3501, LogLevel.Information, "Retention ({Retention}) deleted {Decisions} logged decisions, {Messages} settled outbox messages and {Touchpoints} archived touchpoints")]
    public static partial void RetentionSwept(this ILogger logger, long decisions, long messages, long touchpoints, TimeSpan retention);

    [LoggerMessage(3502, LogLevel.Error, "The retention sweep failed; trying again in {RetryIn}")]
    public static partial void RetentionSweepFailed(this ILogger logger, TimeSpan retryIn, Exception exception);
}
