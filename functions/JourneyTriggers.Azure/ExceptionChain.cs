namespace JourneyTriggers.Azure;

internal static class ExceptionChain
{
    /// <summary>
    /// The failure at the bottom of a chain (the socket error under Azure.Core's wrapping, the last try of an
    /// AggregateException of retries), whose message says what actually went wrong.
    /// </summary>
    public static Exception Innermost(this Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[^1].Innermost()
        : e.InnerException is { } inner ? inner.Innermost()
        : e;
}
