using JourneyTriggers.Core.Configuration;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

/// <summary>The store settings reports read: <c>defaults.currency</c> and <c>defaults.abandonmentAlertPercent</c>.</summary>
public class ReportingDefaultsTests
{
    [Fact]
    public void Without_them_reports_use_THB_and_a_20_percent_alert()
    {
        var defaults = Loaded(WithDefaults("")).Defaults;
        Assert.Equal("THB", defaults.Currency);
        Assert.Equal(20m, defaults.AbandonmentAlertPercent);
    }

    [Fact]
    public void Both_can_be_set()
    {
        var defaults = Loaded(WithDefaults(""" "currency": "USD", "abandonmentAlertPercent": 35.5 """)).Defaults;
        Assert.Equal("USD", defaults.Currency);
        Assert.Equal(35.5m, defaults.AbandonmentAlertPercent);
    }

    [Theory]
    [InlineData(""" "currency": "baht" """, """defaults.currency: "baht" is not an ISO 4217 currency code like "THB" or "USD" (three capital letters)""")]
    [InlineData(""" "currency": "thb" """, """defaults.currency: "thb" is not an ISO 4217 currency code like "THB" or "USD" (three capital letters)""")]
    [InlineData(""" "currency": 764 """, "defaults.currency: expected a string, got 764")]
    [InlineData(""" "abandonmentAlertPercent": 0 """, "defaults.abandonmentAlertPercent: must be above 0 and at most 1000 (percent above the trailing 7-day mean), got 0")]
    [InlineData(""" "abandonmentAlertPercent": 5000 """, "defaults.abandonmentAlertPercent: must be above 0 and at most 1000 (percent above the trailing 7-day mean), got 5000")]
    [InlineData(""" "abandonmentAlertPercent": "20%" """, """defaults.abandonmentAlertPercent: expected a number, got "20%" """)]
    public void Bad_values_are_named_with_their_path(string members, string expected) =>
        Assert.Equal(expected.TrimEnd(), Error(WithDefaults(members)));
}
