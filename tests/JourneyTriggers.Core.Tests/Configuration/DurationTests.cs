using NodaTime;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class DurationTests
{
    [Theory]
    [InlineData("PT1H", 1)]
    [InlineData("PT30M", 0.5)]
    [InlineData("P1D", 24)]
    [InlineData("P7D", 168)]
    [InlineData("P1DT2H", 26)]
    [InlineData("P2W", 336)]
    [InlineData("PT0S", 0)]
    public void A_step_delay_is_exact_elapsed_time(string after, double hours) =>
        Assert.Equal(
            Duration.FromMinutes((long)(hours * 60)),
            Loaded(WithStep($$"""{ "after": "{{after}}", "channels": ["email"], "template": "t" }""")).Triggers[0].Steps[1].After);

    [Theory]
    [InlineData("P1M", "\"P1M\" uses months; only weeks, days, hours, minutes and seconds are allowed")]
    [InlineData("P1Y", "\"P1Y\" uses years; only weeks, days, hours, minutes and seconds are allowed")]
    [InlineData("P1Y2M", "\"P1Y2M\" uses years and months; only weeks, days, hours, minutes and seconds are allowed")]
    [InlineData("1 hour", "\"1 hour\" is not an ISO 8601 duration")]
    [InlineData("pt1h", "\"pt1h\" is not an ISO 8601 duration")]
    [InlineData("-PT1H", "\"-PT1H\" is not an ISO 8601 duration")]
    [InlineData("", "\"\" is not an ISO 8601 duration")]
    [InlineData("PT1.5H", "\"PT1.5H\" has a fraction on hours; only seconds may have one (PT1H30M)")]
    [InlineData("P0.5D", "\"P0.5D\" has a fraction on days; only seconds may have one (PT12H)")]
    [InlineData("P1DT0,25M", "\"P1DT0,25M\" has a fraction on minutes; only seconds may have one (P1DT15S)")]
    [InlineData("P1.5W", "\"P1.5W\" has a fraction on weeks; only seconds may have one (P10DT12H)")]
    [InlineData("P1.5M", "\"P1.5M\" has a fraction on months; only seconds may have one")]
    [InlineData("PT99999999999999999999.5H", "\"PT99999999999999999999.5H\" has a fraction on hours; only seconds may have one")]
    [InlineData("PT-1H", "\"PT-1H\" is not an ISO 8601 duration: a part of it is negative")]
    [InlineData("P1DT-25H", "\"P1DT-25H\" is not an ISO 8601 duration: a part of it is negative")]
    [InlineData("PT1H-10M", "\"PT1H-10M\" is not an ISO 8601 duration: a part of it is negative")]
    [InlineData("P1DT", "\"P1DT\" is not an ISO 8601 duration: nothing follows its T")]
    [InlineData("P3651D", "\"P3651D\" is longer than ten years (P3650D)")]
    [InlineData("P2147483647W", "\"P2147483647W\" is longer than ten years (P3650D)")]
    public void A_step_delay_that_is_not_a_plain_elapsed_time_is_refused(string after, string message) =>
        Assert.Equal(
            $"triggers[0].steps[1].after: {message}",
            Error(WithStep($$"""{ "after": "{{after}}", "channels": ["email"], "template": "t" }""")));

    [Fact]
    public void Seconds_may_have_a_fraction() =>
        Assert.Equal(
            Duration.FromMilliseconds(1500),
            Loaded(WithStep("""{ "after": "PT1.5S", "channels": ["email"], "template": "t" }""")).Triggers[0].Steps[1].After);

    [Fact]
    public void A_step_delay_must_be_given_as_text()
    {
        Assert.Equal(
            "triggers[0].steps[1].after: expected a string, got 3600",
            Error(WithStep("""{ "after": 3600, "channels": ["email"], "template": "t" }""")));
        Assert.Equal(
            "triggers[0].steps[1].after: required",
            Error(WithStep("""{ "channels": ["email"], "template": "t" }""")));
    }

    [Fact]
    public void A_reentry_cooldown_is_a_positive_duration()
    {
        Assert.Equal(Duration.FromDays(30), Loaded(WithTrigger(""" "reentryCooldown": "P30D" """)).Triggers[0].ReentryCooldown);
        Assert.Equal(
            "triggers[0].reentryCooldown: \"PT0S\" must be longer than zero",
            Error(WithTrigger(""" "reentryCooldown": "PT0S" """)));
    }
}
