using JourneyTriggers.Core.Configuration;
using NodaTime;
using NodaTime.TimeZones;

namespace JourneyTriggers.Core.GuardRails;

/// <summary>
/// Quiet hours, read on the customer's own wall clock. The window is half-open: its start is quiet,
/// its end is not. Whether an instant is quiet depends only on what the clock shows then, also around
/// daylight-saving changes: where the clock skips the start, quiet hours begin right after the gap;
/// where it repeats an hour, each pass is read as the clock shows it (the second 01:10 is quiet again
/// under quiet hours that end at 01:30, and not quiet under ones that start at 01:30).
/// </summary>
public static class QuietHours
{
    /// <summary>
    /// The first instant after <paramref name="at"/> at which the clock shows a time outside the window,
    /// or null when <paramref name="at"/> is not quiet.
    /// </summary>
    public static Instant? EndOfQuietHours(QuietHoursWindow? window, DateTimeZone zone, Instant at)
    {
        if (window is null) return null;
        var local = at.InZone(zone).LocalDateTime;
        if (!IsQuiet(window, local.TimeOfDay)) return null;
        var endDate = window.Start > window.End && local.TimeOfDay >= window.Start ? local.Date.PlusDays(1) : local.Date;
        var end = (endDate + window.End).InZone(zone, EndAfter(at)).ToInstant();
        // A clock put back before then to a time ahead of the start leaves the window early.
        for (var interval = zone.GetZoneInterval(at); interval.HasEnd && interval.End < end; interval = zone.GetZoneInterval(interval.End))
            if (!IsQuiet(window, interval.End.InZone(zone).TimeOfDay)) return interval.End;
        // A gap can swallow the whole stretch outside the window (the clock jumps from before the end to
        // after the next start): then it is still quiet after the gap, until the next end.
        return EndOfQuietHours(window, zone, end) ?? end;
    }

    static bool IsQuiet(QuietHoursWindow window, LocalTime time) => window.Start > window.End
        ? time >= window.Start || time < window.End
        : time >= window.Start && time < window.End;

    /// <summary>
    /// The first instant after <paramref name="at"/> at which the clock shows the end. An end the clock
    /// skips (spring forward) is reached at the first instant after the gap — 03:00, not 03:30 for an end
    /// of 02:30 in New York. An end the clock shows twice (fall back) is the first showing after
    /// <paramref name="at"/>: from the second pass of the hour, the later one.
    /// </summary>
    static ZoneLocalMappingResolver EndAfter(Instant at) => Resolvers.CreateMappingResolver(
        (earlier, later) => earlier.ToInstant() > at ? earlier : later,
        Resolvers.ReturnStartOfIntervalAfter);
}
