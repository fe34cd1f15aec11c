using JourneyTriggers.Core.Configuration;
using NodaTime;
using NodaTime.TimeZones;

namespace JourneyTriggers.Core.GuardRails;

/// <summary>
/// Quiet hours, read in the customer's own time zone. The window is half-open: its start is quiet,
/// its end is not.
/// </summary>
public static class QuietHours
{
    /// <summary>
    /// Where the window's end falls in a daylight-saving gap, the send goes out at the first instant
    /// after the gap; where it falls in an overlap, at the earlier of the two.
    /// </summary>
    static readonly ZoneLocalMappingResolver EndResolver = Resolvers.LenientResolver;

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
        var end = (endDate + window.End).InZone(zone, EndResolver).ToInstant();
        // An end that a daylight-saving shift puts at or before now means the quiet hours are already over.
        return end > at ? end : null;
    }
}
