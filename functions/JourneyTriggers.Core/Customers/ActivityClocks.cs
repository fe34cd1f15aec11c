using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The latest instant of each kind of activity, by event timestamp. Clocks only move forward: a late
/// event takes the later of old and new.
/// </summary>
public sealed record ActivityClocks(Instant? LastCartActivity, Instant? LastView, Instant? LastAppOpen, Instant? LastOrder, Instant? LastSeen)
{
    public static readonly ActivityClocks None = new(null, null, null, null, null);

    public static Instant? Later(Instant? a, Instant? b) => a is null ? b : b is null ? a : (a.Value >= b.Value ? a : b);

    public ActivityClocks Merge(ActivityClocks other) => new(
        Later(LastCartActivity, other.LastCartActivity), Later(LastView, other.LastView), Later(LastAppOpen, other.LastAppOpen),
        Later(LastOrder, other.LastOrder), Later(LastSeen, other.LastSeen));
}
