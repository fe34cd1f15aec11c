using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Support;

/// <summary>The tests' own reading of quiet hours, independent of the engine's: what the customer's clock shows.</summary>
internal static class WallClock
{
    /// <summary>The window read on the local clock: its start is quiet, its end is not; it may wrap midnight.</summary>
    public static bool IsQuiet(QuietHoursWindow window, DateTimeZone zone, Instant at)
    {
        var time = at.InZone(zone).TimeOfDay;
        return window.Start < window.End
            ? time >= window.Start && time < window.End
            : time >= window.Start || time < window.End;
    }
}
