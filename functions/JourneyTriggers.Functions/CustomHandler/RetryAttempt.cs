namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// Whether this is the last time the host delivers this batch (protocol doc §5.1): <c>Metadata.RetryContext</c>
/// with <c>RetryCount == MaxRetryCount</c>. Without a RetryContext the function has no retry policy and the host
/// checkpoints past the batch whatever we answer, so every attempt is the last one.
/// </summary>
internal static class RetryAttempt
{
    public static bool IsFinal(Invocation invocation)
    {
        if (invocation.Metadata("RetryContext") is not { } context) return true;
        var count = HostValues.Int64(HostValues.Property(HostValues.Unwrap(context), "RetryCount"));
        var max = HostValues.Int64(HostValues.Property(HostValues.Unwrap(context), "MaxRetryCount"));
        // -1 retries forever: never the last attempt. An unreadable context is taken as the last, to lose nothing.
        return count is null || max is null || (max >= 0 && count >= max);
    }
}
