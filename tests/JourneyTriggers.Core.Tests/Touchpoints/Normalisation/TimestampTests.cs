using JourneyTriggers.Core.Touchpoints;
using NodaTime;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class TimestampTests
{
    static string At(string timestamp) => With(Native("app.opened"), "timestamp", timestamp);

    [Theory]
    [InlineData("2026-11-22T10:00:00Z")]
    [InlineData("2026-11-22T10:00:00+00:00")]
    [InlineData("2026-11-22T17:00:00+07:00")]
    [InlineData("2026-11-22T17:00:00+07")]
    [InlineData("2026-11-22T05:00:00-05:00")]
    [InlineData("2026-11-22T10:00:00.000000000Z")]
    public void Any_utc_offset_names_the_same_instant(string timestamp)
    {
        Assert.Equal(EventTime, Accepted<AppOpened>(At(timestamp)).Timestamp);
    }

    [Fact]
    public void A_local_time_without_offset_is_refused()
    {
        Assert.Equal("timestamp: \"2026-11-22T10:00:00\" has no UTC offset", Rejected(At("2026-11-22T10:00:00")).Reason);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-22 10:00:00Z")]
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("")]
    public void Text_that_is_not_an_iso_date_time_is_refused(string timestamp)
    {
        Assert.Equal($"timestamp: \"{timestamp}\" is not an ISO 8601 date-time", Rejected(At(timestamp)).Reason);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("0000-01-01T00:00:00+14:00")]
    public void Times_at_the_ends_of_the_calendar_are_refused(string timestamp)
    {
        Assert.Equal($"timestamp: \"{timestamp}\" is out of range", Rejected(At(timestamp)).Reason);
    }

    [Fact]
    public void A_live_clock_refuses_a_timestamp_more_than_a_day_ahead()
    {
        var rejected = Rejected(At("2031-01-01T00:00:00Z"), Now);

        Assert.Equal("timestamp: 2031-01-01T00:00:00Z is more than 24 h in the future", rejected.Reason);
    }

    [Fact]
    public void The_future_is_reported_in_utc_whatever_offset_was_sent()
    {
        Assert.Equal(
            "timestamp: 2031-01-01T00:00:00Z is more than 24 h in the future",
            Rejected(At("2031-01-01T07:00:00+07:00"), Now).Reason);
    }

    [Fact]
    public void A_live_clock_accepts_up_to_exactly_a_day_ahead()
    {
        var dayAhead = Now + Duration.FromHours(24);

        Assert.Equal(dayAhead, Accepted<AppOpened>(At("2026-11-23T12:00:00Z"), Now).Timestamp);
        Assert.Equal(
            "timestamp: 2026-11-23T12:00:00.001Z is more than 24 h in the future",
            Rejected(At("2026-11-23T12:00:00.001Z"), Now).Reason);
    }

    [Fact]
    public void Without_a_clock_any_future_is_accepted()
    {
        Assert.Equal(Instant.FromUtc(2031, 1, 1, 0, 0), Accepted<AppOpened>(At("2031-01-01T00:00:00Z"), now: null).Timestamp);
    }

    [Fact]
    public void The_past_is_accepted_with_a_clock()
    {
        Assert.Equal(Instant.FromUtc(2020, 1, 1, 0, 0), Accepted<AppOpened>(At("2020-01-01T00:00:00Z"), Now).Timestamp);
    }
}
