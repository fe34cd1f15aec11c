using NodaTime;

namespace JourneyTriggers.Benchmarks.Generation;

/// <summary>
/// How big a synthetic stream is and where it starts. The defaults are a week of a mid-sized
/// storefront; the same shape and seed always give the same stream.
/// </summary>
public sealed record StreamShape(int Events, int Customers, int Days, int Seed, Instant Start)
{
    /// <summary>A Monday, 07:00 in Bangkok: the week ends before the Friday sales of the following week.</summary>
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 11, 16, 0, 0);

    public static StreamShape Week(int events = 1_000_000, int customers = 100_000, int days = 7, int seed = 42) =>
        new(events, customers, days, seed, DefaultStart);
}
