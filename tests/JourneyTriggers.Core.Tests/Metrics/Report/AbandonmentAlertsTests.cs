using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Core.Tests.Support;
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
    public void A_day_whose_carts_have_not_all_come_due_is_not_compared()
    {
        // Today (day 3) has only the carts already due: a low rate that would otherwise be compared with the mean.
        var alert = AbandonmentAlerts.Evaluate(Days(0.5, 0.5, 0.9, 0.1), 20m, lastComplete: Start.PlusDays(2));
        Assert.Equal(Start.PlusDays(2), alert.Day);
        Assert.True(alert.Raised);
    }

    [Fact]
    public void A_live_report_compares_the_last_day_whose_carts_have_all_come_due()
    {
        var configuration = Configs.With(Configs.Defaults("UTC"), Configs.Cart());
        var tally = new JourneyTriggers.Core.Metrics.MetricsTallyBuilder();
        foreach (var (day, carts, abandoned) in new[] { (20, 10, 5), (21, 10, 5), (22, 10, 9), (23, 10, 1) })
        {
            var date = new LocalDate(2026, 11, day);
            for (var i = 0; i < carts; i++) tally.Add(JourneyTriggers.Core.Metrics.MetricFact.One(new(date, JourneyTriggers.Core.Metrics.MetricMeasure.CartStarted)));
            for (var i = 0; i < abandoned; i++)
                tally.Add(JourneyTriggers.Core.Metrics.MetricFact.One(new(date, JourneyTriggers.Core.Metrics.MetricMeasure.StepDue, "abandoned_cart", 1)));
        }

        // At 00:30 on the 24th the 23rd's last carts (first step after an hour) are not all due yet: the 22nd is compared.
        var live = JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally.ToTally(), MetricsQuery.All, configuration,
            Instant.FromUtc(2026, 11, 24, 0, 30));
        Assert.Equal(new LocalDate(2026, 11, 22), live.Alert.Day);
        Assert.True(live.Alert.Raised);
        // A replay's report: every day is complete.
        Assert.Equal(new LocalDate(2026, 11, 23), JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally.ToTally(),
            MetricsQuery.All, configuration).Alert.Day);
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
