using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Standalone;

/// <summary>
/// Every log line of the standalone adapters. Customer keys and message ids are logged; addresses,
/// names, message bodies and SMTP server replies (which often quote the address) never are.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Opened {Path} at schema version {Version}")]
    public static partial void DatabaseOpened(this ILogger logger, string path, int version);

    [LoggerMessage(3101, LogLevel.Warning, "Timer {Trigger} #{Token} of {CustomerKey} hit contention (attempt {Attempt}); retrying in {RetryIn}")]
    public static partial void TimerRetrying(this ILogger logger, string customerKey, string trigger, long token, int attempt, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3102, LogLevel.Error, "Timer {Trigger} #{Token} of {CustomerKey} failed (attempt {Attempt}); retrying in {RetryIn}")]
    public static partial void TimerFailed(this ILogger logger, string customerKey, string trigger, long token, int attempt, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3103, LogLevel.Information, "Timer {Trigger} #{Token} dropped: customer {CustomerKey} no longer exists")]
    public static partial void TimerDropped(this ILogger logger, string customerKey, string trigger, long token);

    [LoggerMessage(3104, LogLevel.Error, "The timer pump failed; resuming in {RetryIn}")]
    public static partial void TimerPumpFailed(this ILogger logger, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3201, LogLevel.Information, "Email {MessageId} of {CustomerKey} delivered over SMTP")]
    public static partial void EmailDelivered(this ILogger logger, string messageId, string customerKey);

    [LoggerMessage(3202, LogLevel.Warning, "Email {MessageId} of {CustomerKey} failed for good after {Attempts} attempt(s): SMTP {StatusCode}")]
    public static partial void EmailFailed(this ILogger logger, string messageId, string customerKey, int attempts, int statusCode);

    [LoggerMessage(3203, LogLevel.Warning, "Email {MessageId} of {CustomerKey} not sent (attempt {Attempts}, {Problem}); retrying in {RetryIn}")]
    public static partial void EmailRetrying(this ILogger logger, string messageId, string customerKey, int attempts, string problem, TimeSpan retryIn);

    [LoggerMessage(3204, LogLevel.Warning, "Email {MessageId} of {CustomerKey}: the connection broke while sending ({Problem}); recorded as unknown, not re-sent")]
    public static partial void EmailUnknown(this ILogger logger, string messageId, string customerKey, string problem);

    [LoggerMessage(3205, LogLevel.Warning, "{Count} email(s) were being sent when the process stopped; recorded as unknown, not re-sent")]
    public static partial void EmailsInterrupted(this ILogger logger, int count);

    [LoggerMessage(3206, LogLevel.Warning, "SMTP server {Host}:{Port} unavailable; trying again in {RetryIn}")]
    public static partial void SmtpUnavailable(this ILogger logger, string host, int port, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3207, LogLevel.Error, "Email {MessageId} of {CustomerKey} failed for good: {Problem}")]
    public static partial void EmailUnsendable(this ILogger logger, string messageId, string customerKey, string problem);

    [LoggerMessage(3208, LogLevel.Error, "The SMTP dispatcher failed; resuming in {RetryIn}")]
    public static partial void DispatcherFailed(this ILogger logger, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3301, LogLevel.Warning, "Push installation {InstallationId} of customer {CustomerKey} could not be synchronised (attempt {Attempt}); trying again in {RetryIn}")]
    public static partial void InstallationSyncRetrying(this ILogger logger, string installationId, string customerKey, int attempt, TimeSpan retryIn, Exception exception);

    [LoggerMessage(3302, LogLevel.Error, "Push installation {InstallationId} of customer {CustomerKey} given up after {Attempts} attempts")]
    public static partial void InstallationSyncAbandoned(this ILogger logger, string installationId, string customerKey, int attempts, Exception exception);

    [LoggerMessage(3303, LogLevel.Error, "The installation sync failed; resuming in {RetryIn}")]
    public static partial void InstallationSyncFailed(this ILogger logger, TimeSpan retryIn, Exception exception);
}
