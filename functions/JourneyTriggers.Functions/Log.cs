namespace JourneyTriggers.Functions;

/// <summary>
/// Every log line the service writes, with its event id. None carries an email, a name, a key, a
/// token or a body: events are named by id and position, customers not at all, rejections by the
/// fields at fault.
/// </summary>
internal static partial class Log
{
    // Debug: a line per request is what the counters journeytriggers.events.accepted|duplicates|rejected already say, by
    // route; at 25,000 events/s it was 250 lines a second and the console logger's thread 1.5% of the service's CPU.
    // Each rejection keeps its own Information line (1001).
    [LoggerMessage(1000, LogLevel.Debug, "Ingested {Count} events from {Route}: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    public static partial void Ingested(ILogger logger, string route, int count, int accepted, int duplicates, int rejected);

    // Without the event's id: storefronts put anything there, an email address too. The sender has the id in the answer.
    [LoggerMessage(1001, LogLevel.Information, "Rejected event {Index} from {Route}: wrong fields {Fields}")]
    public static partial void EventRejected(ILogger logger, string route, int index, string fields);

    [LoggerMessage(1002, LogLevel.Information, "Refused a request to {Route} with {Status}: {Problem}")]
    public static partial void RequestRefused(ILogger logger, string? route, int status, string problem);

    [LoggerMessage(1004, LogLevel.Warning, "{Rejected} rejected events from {Route} went uncounted in the metrics: {ExceptionType}")]
    public static partial void RejectionsUncounted(ILogger logger, int rejected, string route, string exceptionType);

    [LoggerMessage(1003, LogLevel.Warning, "Answered {Status} after {ExceptionType}")]
    public static partial void RequestFailed(ILogger logger, int status, string exceptionType);

    [LoggerMessage(1100, LogLevel.Information, "Erased customer {Customer}: {Removed} records removed, {Exits} journeys exited")]
    public static partial void CustomerErased(ILogger logger, string customer, int removed, int exits);

    [LoggerMessage(1200, LogLevel.Information, "Unsubscribe link for message {MessageId}: {Outcome}")]
    public static partial void Unsubscribed(ILogger logger, string messageId, string outcome);

    [LoggerMessage(1201, LogLevel.Information, "Unsubscribe link refused: {Outcome}")]
    public static partial void UnsubscribeRefused(ILogger logger, string outcome);

    [LoggerMessage(1202, LogLevel.Warning, "An unsubscribe was applied but could not be kept in the touchpoint archive ({Failure}); a replay will not see it")]
    public static partial void UnsubscribeNotArchived(ILogger logger, string failure);

    [LoggerMessage(1300, LogLevel.Information, "Access keys generated at first start into {Path}")]
    public static partial void KeysGenerated(ILogger logger, string path);

    [LoggerMessage(1301, LogLevel.Information, "Access keys read from {Source}")]
    public static partial void KeysLoaded(ILogger logger, string source);

    [LoggerMessage(1302, LogLevel.Information, "Reminder email goes through {EmailChannel}; push through {PushChannel}")]
    public static partial void DeliveryChannels(ILogger logger, string emailChannel, string pushChannel);

    [LoggerMessage(1303, LogLevel.Warning, "Reminder email goes through {EmailChannel}, but its unsubscribe links point at {BaseUrl}, a loopback address that opens only on this machine; set Unsubscribe:BaseUrl to the service's public address unless this is a local test")]
    public static partial void UnsubscribeLinksOnLoopback(ILogger logger, string emailChannel, string baseUrl);

    [LoggerMessage(1500, LogLevel.Information, "Admin page {Page} opened with the admin key; its session cookie was set")]
    public static partial void PageSignedIn(ILogger logger, string page);

    [LoggerMessage(1400, LogLevel.Warning, "Health check: the store did not answer ({ExceptionType})")]
    public static partial void StoreUnhealthy(ILogger logger, string exceptionType);
}
