using JourneyTriggers.Core.GuardRails;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.GuardRails;

public class QuietHoursTests
{
    static readonly DateTimeZone Bangkok = DateTimeZoneProviders.Tzdb["Asia/Bangkok"];
    static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData("2026-11-22T14:00:00Z", "2026-11-23T01:00:00Z")] // 21:00 Bangkok: the start is quiet
    [InlineData("2026-11-22T20:00:00Z", "2026-11-23T01:00:00Z")] // 03:00 Bangkok, after midnight
    [InlineData("2026-11-23T00:59:00Z", "2026-11-23T01:00:00Z")] // 07:59
    public void A_quiet_instant_waits_until_the_end_in_the_customers_zone(string at, string end) =>
        Assert.Equal(Tp.At(end), QuietHours.EndOfQuietHours(Configs.Quiet("21:00", "08:00"), Bangkok, Tp.At(at)));

    [Theory]
    [InlineData("2026-11-23T01:00:00Z")] // 08:00 Bangkok: the end is not quiet
    [InlineData("2026-11-22T13:59:00Z")] // 20:59
    [InlineData("2026-11-22T05:00:00Z")] // midday
    public void Outside_quiet_hours_nothing_waits(string at) =>
        Assert.Null(QuietHours.EndOfQuietHours(Configs.Quiet("21:00", "08:00"), Bangkok, Tp.At(at)));

    [Fact]
    public void A_window_within_one_day_works_too()
    {
        var lunch = Configs.Quiet("12:00", "13:00");
        Assert.Equal(Tp.At("2026-11-22T06:00:00Z"), QuietHours.EndOfQuietHours(lunch, Bangkok, Tp.At("2026-11-22T05:30:00Z")));
        Assert.Null(QuietHours.EndOfQuietHours(lunch, Bangkok, Tp.At("2026-11-22T04:59:00Z")));
    }

    [Fact]
    public void No_window_means_never_quiet() =>
        Assert.Null(QuietHours.EndOfQuietHours(null, Bangkok, Tp.At("2026-11-22T20:00:00Z")));

    [Fact]
    public void An_end_inside_a_spring_forward_gap_resolves_to_the_first_instant_after_it()
    {
        // 2026-03-08 in New York: 02:00 jumps to 03:00. Quiet 22:00–02:30 ends in the gap.
        var end = QuietHours.EndOfQuietHours(Configs.Quiet("22:00", "02:30"), NewYork, Tp.At("2026-03-08T04:00:00Z"));
        Assert.Equal(Tp.At("2026-03-08T07:30:00Z"), end); // 03:30 EDT: lenient shifts forward by the gap
    }

    [Fact]
    public void An_end_inside_a_fall_back_overlap_resolves_to_the_earlier_instant()
    {
        // 2026-11-01 in New York: 01:00–02:00 happens twice. Quiet 22:00–01:30 ends at the first 01:30 (EDT).
        var end = QuietHours.EndOfQuietHours(Configs.Quiet("22:00", "01:30"), NewYork, Tp.At("2026-11-01T03:00:00Z"));
        Assert.Equal(Tp.At("2026-11-01T05:30:00Z"), end);
    }
}
