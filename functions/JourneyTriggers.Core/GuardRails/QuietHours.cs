using JourneyTriggers.Core.Configuration;
using NodaTime;
using NodaTime.TimeZones;

namespace JourneyTriggers.Core.GuardRails;

/// <summary>
/// Quiet hours, read on the customer's own wall clock. The window is half-open: its start is quiet,
/// its end is not. Whether an instant is quiet depends only on what the clock shows then, so where a
/// daylight-saving change skips the start the quiet hours begin right after the gap, and where the
/// clock repeats an hour a reading before the start (the second 01:10 with quiet hours from 01:30)
/// is not quiet, and one before the end is quiet again.
/// </summary>
public static class QuietHours
{
    /// <summary>The instant the quiet hours around <paramref name="at"/> end, or null when <paramref name="at"/> is not quiet.</summary>
    public static Instant? EndOfQuietHours(QuietHoursWindow? window, DateTimeZone zone, Instant at)
    {
        if (window is null) return null;
        var local = at.InZone(zone).LocalDateTime;
        var time = local.TimeOfDay;
        var wraps = window.Start > window.End;
        var quiet = wraps ? time >= window.Start || time < window.End : time >= window.Start && time < window.End;
        if (!quiet) return null;
        var endDate = wraps && time >= window.Start ? local.Date.PlusDays(1) : local.Date;
        return (endDate + window.End).InZone(zone, EndAfter(at)).ToInstant();
    }

    /// <summary>
    /// The first instant after <paramref name="at"/> at which the clock is past the end. An end the clock
    /// skips (spring forward) is over at the first instant after the gap — 03:00, not 03:30 for an end of
    /// 02:30 in New York. An end the clock shows twice (fall back) is the first showing after
    /// <paramref name="at"/>: from the second pass of the hour, the later one, so nothing goes out inside it.
    /// </summary>
    static ZoneLocalMappingResolver EndAfter(Instant at) => Resolvers.CreateMappingResolver(
        (earlier, later) => earlier.ToInstant() > at ? earlier : later,
        Resolvers.ReturnStartOfIntervalAfter);
}
