using JourneyTriggers.Core.Metrics.Report;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Metrics.Report;

public class AbandonmentAlertsTests
{
    static readonly LocalDate Start = new(2026, 11, 1);

    static List<DayReport> Days(params double?[] rates) =>
        rates.Select((rate, i) => new DayReport(Start.PlusDays(i), rate is null ? 0 : 100, 0, rate is { } r ? (long)(r * 100) : 0, rate, 0, 0, 0m, 0)).ToList();

    [Fact]
    public void A_last_day_above_the_trailing_mean_by_more_than_the_threshold_raises_it()
    {
        // The 7 days before the last (days 1..7) average 0.5; 0.61 > 0.5 × 1.2.
        var alert = AbandonmentAlerts.Evaluate(Days(0.9, 0.4, 0.6, 0.5, 0.5, 0.4, 0.6, 0.5, 0.61), 20m);
        Assert.Equal(new AbandonmentAlert(Start.PlusDays(8), 0.61, 0.5, 7, 20m, true, null), alert);
    }

    [Fact]
    public void A_rise_within_the_threshold_does_not()
    {
        var alert = AbandonmentAlerts.Evaluate(Days(0.5, 0.5, 0.6), 20m);
        Assert.False(alert.Raised);
        Assert.Equal(0.5, alert.TrailingMean);
        Assert.Equal(2, alert.TrailingDays);
    }

    [Fact]
    public void Days_without_carts_are_left_out_and_the_last_day_is_the_last_with_carts()
    {
        var alert = AbandonmentAlerts.Evaluate(Days(0.4, null, 0.6, 0.9, null, null), 20m);
        Assert.Equal(Start.PlusDays(3), alert.Day);
        Assert.Equal(0.5, alert.TrailingMean);
        Assert.True(alert.Raised);
    }

    [Fact]
    public void Without_carts_or_history_there_is_no_alert_and_a_reason()
    {
        Assert.Equal("no day in the range started a cart", AbandonmentAlerts.Evaluate(Days(null, null), 20m).Reason);
        Assert.Equal("no day in the range started a cart", AbandonmentAlerts.Evaluate([], 20m).Reason);
        var first = AbandonmentAlerts.Evaluate(Days(0.7), 20m);
        Assert.Equal(new AbandonmentAlert(Start, 0.7, null, 0, 20m, false, "no abandonment rate in the 7 days before the last day with carts"), first);
    }
}
