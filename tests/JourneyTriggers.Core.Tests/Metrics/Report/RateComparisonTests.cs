using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Core.Tests.Metrics.Report;

public class RateComparisonTests
{
    [Fact]
    public void Lift_and_its_Katz_interval_match_the_hand_computation()
    {
        // 30/100 treated against 20/100 held out: RR = 1.5; SE(ln RR) = √(1/30 − 1/100 + 1/20 − 1/100) = 0.251661;
        // exp(ln 1.5 ± 1.96 × 0.251661) = 0.915961 .. 2.456437.
        var lift = RateComparison.Compare(30, 100, 20, 100, "treated", "holdout");
        Assert.Equal(new LiftEstimate(0.5, -0.084039, 1.456437, "katz-log-95", null), lift);
    }

    [Fact]
    public void A_lower_treated_rate_gives_a_negative_lift_whose_interval_may_cross_zero()
    {
        // 12/40 = 0.3 against 5/10 = 0.5: RR = 0.6; SE = √(1/12 − 1/40 + 1/5 − 1/10) = 0.397911.
        var lift = RateComparison.Compare(12, 40, 5, 10, "treated", "holdout");
        Assert.Equal(new LiftEstimate(-0.4, -0.724927, 0.308742, "katz-log-95", null), lift);
    }

    [Theory]
    [InlineData(0, 0, 1, 10, "no eligible journeys in the treated group")]
    [InlineData(1, 10, 0, 0, "no eligible journeys in the holdout group")]
    [InlineData(3, 10, 0, 10, "no conversions in the holdout group: the ratio is undefined")]
    [InlineData(11, 10, 1, 10, "more conversions than eligible journeys: the rates are not proportions")]
    public void Undefined_lifts_are_null_with_the_reason(long x, long n, long xRef, long nRef, string reason)
    {
        var lift = RateComparison.Compare(x, n, xRef, nRef, "the treated group", "the holdout group");
        Assert.Equal(new LiftEstimate(null, null, null, "katz-log-95", reason), lift);
    }

    [Fact]
    public void No_treated_conversions_is_a_lift_of_minus_one_without_an_interval()
    {
        var lift = RateComparison.Compare(0, 10, 2, 10, "the treated group", "the holdout group");
        Assert.Equal(new LiftEstimate(-1, null, null, "katz-log-95", "no conversions in the treated group: the interval is undefined"), lift);
    }

    [Fact]
    public void Rates_are_null_on_a_zero_denominator_and_rounded_to_six_places()
    {
        Assert.Null(RateComparison.Rate(0, 0));
        Assert.Equal(0.333333, RateComparison.Rate(1, 3));
        Assert.Equal(0, RateComparison.Rate(0, 3));
    }
}
