using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Core.Tests.Metrics.Report;

public class IncrementalityTests
{
    [Fact]
    public void Incremental_conversions_and_revenue_match_the_hand_computation()
    {
        // (30/100 − 10/50) × 100 = 10 conversions; 300000 ÷ 30 converted = 10000 per converted journey → 100000. The
        // orders (36 and 12) do not enter: a journey converts once, however many orders its reminders are credited with.
        var treated = new GroupOutcome(100, 30, 36, 300000m, 0.3);
        var holdout = new GroupOutcome(50, 10, 12, 80000m, 0.2);
        Assert.Equal(new IncrementalEstimate(10, 100000m, null), Incrementality.Of(treated, holdout));
    }

    [Fact]
    public void An_empty_holdout_gives_no_incremental_figures()
    {
        var estimate = Incrementality.Of(new GroupOutcome(10, 2, 2, 500m, 0.2), new GroupOutcome(0, 0, 0, 0m, null));
        Assert.Equal(new IncrementalEstimate(null, null, "empty holdout group: nothing to compare with"), estimate);
    }

    [Fact]
    public void No_treated_journeys_gives_no_incremental_figures()
    {
        var estimate = Incrementality.Of(new GroupOutcome(0, 0, 0, 0m, null), new GroupOutcome(10, 1, 1, 100m, 0.1));
        Assert.Equal(new IncrementalEstimate(null, null, "no eligible journeys in the treated group"), estimate);
    }

    [Fact]
    public void Without_treated_conversions_the_revenue_is_null_but_the_conversions_are_not()
    {
        // (0/20 − 2/10) × 20 = −4.
        var estimate = Incrementality.Of(new GroupOutcome(20, 0, 0, 0m, 0), new GroupOutcome(10, 2, 2, 700m, 0.2));
        Assert.Equal(new IncrementalEstimate(-4, null, "no treated conversions: revenue per conversion is undefined"), estimate);
    }
}
