namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>The custom handler's own log lines (Log.cs's rules: no customer, no body, no key).</summary>
internal static partial class CustomHandlerLog
{
    [LoggerMessage(1500, LogLevel.Error,
        "Dead letters could not be written for partition {PartitionId}, {Range} (last attempt: {Final}) after {ExceptionType}; " +
        "on the last attempt the host checkpoints past them: replay from the hub within its retention")]
    public static partial void DeadLetteringFailed(ILogger logger, string? partitionId, string range, bool final, string exceptionType);

    [LoggerMessage(1501, LogLevel.Warning, "Timer wake-up message {MessageId} is malformed and was dead-lettered with the reason")]
    public static partial void WakeUpMalformed(ILogger logger, string? messageId);

    [LoggerMessage(1502, LogLevel.Warning, "{Function} failed transiently and will be delivered again: {ExceptionType}")]
    public static partial void TransientFailure(ILogger logger, string function, string exceptionType);

    [LoggerMessage(1503, LogLevel.Warning, "The host called {Path}, which is no function of this app")]
    public static partial void UnknownFunction(ILogger logger, string path);
}
