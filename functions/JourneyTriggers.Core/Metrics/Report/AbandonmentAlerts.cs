namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// A sudden rise in cart abandonment is usually a broken checkout: the last day's rate is compared
/// with the mean rate of the 7 days before it (days without carts have no rate and are left out).
/// Raised when rate &gt; mean × (1 + threshold ÷ 100); a zero mean raises it for any abandonment.
/// </summary>
public static class AbandonmentAlerts
{
    public const int TrailingDays = 7;

    /// <summary>
    /// The last day of <paramref name="days"/> that started a cart (a replay's timer tail and a quiet
    /// night have none) against the days with a rate among the 7 before it.
    /// </summary>
    public static AbandonmentAlert Evaluate(IReadOnlyList<DayReport> days, decimal thresholdPercent)
    {
        var last = days.LastOrDefault(d => d.AbandonmentRate is not null);
        if (last?.AbandonmentRate is not { } rate)
            return new AbandonmentAlert(null, null, null, 0, thresholdPercent, false, "no day in the range started a cart");
        var trailing = days.Where(d => d.Day < last.Day && d.Day >= last.Day.PlusDays(-TrailingDays) && d.AbandonmentRate is not null)
            .Select(d => d.AbandonmentRate!.Value).ToList();
        if (trailing.Count == 0)
            return new AbandonmentAlert(last.Day, rate, null, 0, thresholdPercent, false, "no abandonment rate in the 7 days before the last day with carts");
        var mean = RateComparison.Round(trailing.Average());
        var raised = rate > mean * (1 + (double)thresholdPercent / 100);
        return new AbandonmentAlert(last.Day, rate, mean, trailing.Count, thresholdPercent, raised, null);
    }
}
