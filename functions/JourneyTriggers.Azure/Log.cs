using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure;

/// <summary>
/// Every log line of the Azure adapters. Customer keys, message ids and status codes are logged; document
/// contents, addresses, message bodies, keys and connection strings never are.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning, "Customer {CustomerKey} had unfinished work from an earlier change ({Timers} timer(s), {Messages} message(s), effect log {Effects}); finishing it first")]
    public static partial void FinishingLeftoverWork(this ILogger logger, string customerKey, int timers, int messages, bool effects);

    [LoggerMessage(4002, LogLevel.Warning, "Customer {CustomerKey} was saved but its follow-up work failed; the next load finishes it")]
    public static partial void PendingWorkFailed(this ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(4003, LogLevel.Information, "Customer {CustomerKey}: finished work could not be cleared from the document (Cosmos DB {Status}); the next load repeats it harmlessly")]
    public static partial void PendingNotCleared(this ILogger logger, string customerKey, int status);

    [LoggerMessage(4004, LogLevel.Warning, "Customer {CustomerKey}: clearing finished work failed; the next load repeats it harmlessly")]
    public static partial void PendingClearFailed(this ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(4010, LogLevel.Debug, "Published {Events} touchpoint(s) to hub {Hub} in {Batches} batch request(s)")]
    public static partial void TouchpointsPublished(ILogger logger, int events, int batches, string hub);

    [LoggerMessage(4011, LogLevel.Warning, "Event Hubs did not take {Events} touchpoint(s) for hub {Hub}: status {Status}, code {ErrorCode}; the collector answers 503")]
    public static partial void PublishFailed(ILogger logger, int events, string hub, int status, string? errorCode);
}
