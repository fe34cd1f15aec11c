namespace JourneyTriggers.Application.Processing;

/// <summary>Doubling delays for retries: first, 2 × first, 4 × first… never more than the cap.</summary>
public static class Backoff
{
    public static TimeSpan Delay(TimeSpan first, int attempt, TimeSpan cap)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, cap.Ticks));
    }
}
