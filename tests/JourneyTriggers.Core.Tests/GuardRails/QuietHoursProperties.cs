using CsCheck;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.GuardRails;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.GuardRails;

/// <summary>
/// Quiet hours against the customer's clock around real daylight-saving changes: whatever the window
/// and however the clock jumps, the end named is the first instant the clock shows a time outside the
/// window, and every instant before it is quiet.
/// </summary>
public class QuietHoursProperties
{
    /// <summary>Hour changes both ways, a half-hour one (Lord Howe), :45 offsets (Chatham) and changes at midnight (Santiago, Havana).</summary>
    static readonly string[] Zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago", "America/Havana"];

    /// <summary>An instant within a day and a half of one of the zone's changes between 2020 and 2030.</summary>
    static readonly Gen<(DateTimeZone Zone, Instant At)> NearAChange =
        from id in Gen.OneOf(Zones)
        let zone = DateTimeZoneProviders.Tzdb[id]
        let changes = zone.GetZoneIntervals(Instant.FromUtc(2020, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 1, 0, 0)).Skip(1).Select(i => i.Start).ToArray()
        from change in Gen.Int[0, changes.Length - 1]
        from minutes in Gen.Int[-36 * 60, 36 * 60]
        select (zone, changes[change] + Duration.FromMinutes(minutes));

    static readonly Gen<QuietHoursWindow> Windows =
        from start in Gen.Int[0, 24 * 60 - 1]
        from length in Gen.Int[1, 24 * 60 - 1]
        select new QuietHoursWindow(LocalTime.Midnight.PlusMinutes(start), LocalTime.Midnight.PlusMinutes(start + length));

    [Fact]
    public void The_end_is_the_first_instant_the_clock_leaves_the_window()
    {
        Gen.Select(NearAChange, Windows).Sample((near, window) =>
        {
            var (zone, at) = near;
            var end = QuietHours.EndOfQuietHours(window, zone, at);
            Assert.Equal(WallClock.IsQuiet(window, zone, at), end is not null);
            if (end is not { } over) return;
            Assert.True(over > at, "the end is after the instant checked");
            Assert.False(WallClock.IsQuiet(window, zone, over), "the clock is outside the window at the end");
            for (var t = at; t < over; t += Duration.FromMinutes(1))
                Assert.True(WallClock.IsQuiet(window, zone, t), $"{t.InZone(zone)} before the end is quiet");
            Assert.True(WallClock.IsQuiet(window, zone, over - Duration.FromMinutes(1)), "the minute before the end is quiet");
        }, iter: 2000, print: c => $"{c.Item1.Zone.Id} at {c.Item1.At} ({c.Item1.At.InZone(c.Item1.Zone)}) quiet {c.Item2.Start:HH:mm}-{c.Item2.End:HH:mm}");
    }
}
