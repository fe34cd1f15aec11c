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

    [Theory]
    // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT. Quiet 22:00–02:30 ends in the gap, so the
    // clock is past the end from 03:00 EDT (07:00Z) on, not from 03:30.
    [InlineData("2026-03-08T04:00:00Z", "2026-03-08T07:00:00Z")] // 23:00 EST
    [InlineData("2026-03-08T06:59:00Z", "2026-03-08T07:00:00Z")] // 01:59 EST, the last quiet minute
    public void An_end_inside_a_spring_forward_gap_is_the_first_instant_after_the_gap(string at, string end) =>
        Assert.Equal(Tp.At(end), QuietHours.EndOfQuietHours(Configs.Quiet("22:00", "02:30"), NewYork, Tp.At(at)));

    [Fact]
    public void A_gap_that_swallows_the_whole_time_outside_the_window_leaves_it_quiet_until_the_next_end()
    {
        // Quiet 02:45–02:15 leaves only 02:15–02:45 free, and on 2026-03-08 New York's clock skips 02:00–03:00:
        // 03:00 EDT is past the start again, so 01:00 EST waits for 02:15 EDT the next night.
        var end = QuietHours.EndOfQuietHours(Configs.Quiet("02:45", "02:15"), NewYork, Tp.At("2026-03-08T06:00:00Z"));
        Assert.Equal(Tp.At("2026-03-09T06:15:00Z"), end);
    }

    [Fact]
    public void Right_after_a_gap_that_swallowed_the_end_nothing_waits() =>
        Assert.Null(QuietHours.EndOfQuietHours(Configs.Quiet("22:00", "02:30"), NewYork, Tp.At("2026-03-08T07:10:00Z"))); // 03:10 EDT

    [Theory]
    // 2026-11-01 in New York: 01:00–02:00 happens twice, first EDT (05:00Z–06:00Z), then EST (06:00Z–07:00Z).
    // Quiet 22:00–01:30 ends at the first 01:30 after the instant checked: the clock reads 01:10 on the
    // second pass too, and a reminder must not go out then.
    [InlineData("2026-11-01T03:00:00Z", "2026-11-01T05:30:00Z")] // 23:00 EDT: the first 01:30
    [InlineData("2026-11-01T05:10:00Z", "2026-11-01T05:30:00Z")] // 01:10 EDT, first pass
    [InlineData("2026-11-01T06:10:00Z", "2026-11-01T06:30:00Z")] // 01:10 EST, second pass: the second 01:30
    public void An_end_inside_a_fall_back_overlap_is_the_first_showing_of_the_end_after_the_instant(string at, string end) =>
        Assert.Equal(Tp.At(end), QuietHours.EndOfQuietHours(Configs.Quiet("22:00", "01:30"), NewYork, Tp.At(at)));

    [Fact]
    public void Between_the_two_showings_of_an_overlapping_end_nothing_waits() =>
        Assert.Null(QuietHours.EndOfQuietHours(Configs.Quiet("22:00", "01:30"), NewYork, Tp.At("2026-11-01T05:40:00Z"))); // 01:40 EDT

    [Theory]
    // Quiet 02:30–07:00 on 2026-03-08 in New York: the start is skipped, so quiet hours begin with the gap's end.
    [InlineData("2026-03-08T06:59:00Z", null)]                   // 01:59 EST: before the start
    [InlineData("2026-03-08T07:00:00Z", "2026-03-08T11:00:00Z")] // 03:00 EDT: past 02:30 on the clock, quiet until 07:00 EDT
    public void A_start_inside_a_spring_forward_gap_begins_quiet_hours_right_after_it(string at, string? end) =>
        Assert.Equal(end is null ? null : Tp.At(end), QuietHours.EndOfQuietHours(Configs.Quiet("02:30", "07:00"), NewYork, Tp.At(at)));

    [Theory]
    // Quiet 01:30–07:00 on 2026-11-01 in New York: the clock shows 01:00–01:30 twice; the second time it is
    // before the start again, so not quiet — what counts is the time the customer's clock shows.
    [InlineData("2026-11-01T05:40:00Z", "2026-11-01T06:00:00Z")] // 01:40 EDT: quiet until the clock goes back to 01:00
    [InlineData("2026-11-01T06:10:00Z", null)]                   // 01:10 EST: before 01:30 on the clock
    [InlineData("2026-11-01T06:40:00Z", "2026-11-01T12:00:00Z")] // 01:40 EST
    public void A_start_inside_a_fall_back_overlap_is_read_on_the_clock(string at, string? end) =>
        Assert.Equal(end is null ? null : Tp.At(end), QuietHours.EndOfQuietHours(Configs.Quiet("01:30", "07:00"), NewYork, Tp.At(at)));
}
