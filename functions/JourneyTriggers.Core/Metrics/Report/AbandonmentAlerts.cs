namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// A sudden rise in cart abandonment is usually a broken checkout: the last day's rate is compared
/// with the mean rate of the 7 days before it (days without carts have no rate and are left out).
/// </summary>
public static class AbandonmentAlerts
{
    public const int TrailingDays = 7;

    public static AbandonmentAlert Evaluate(IReadOnlyList<DayReport> days, decimal thresholdPercent)
    {
        if (days.Count == 0) return new AbandonmentAlert(null, null, null, 0, thresholdPercent, false, "no days in the range");
        var last = days[^1];
        if (last.AbandonmentRate is not { } rate)
            return new AbandonmentAlert(last.Day, null, null, 0, thresholdPercent, false, "no carts started on the last day");
        var trailing = days.Where(d => d.Day < last.Day && d.Day >= last.Day.PlusDays(-TrailingDays) && d.AbandonmentRate is not null)
            .Select(d => d.AbandonmentRate!.Value).ToList();
        if (trailing.Count == 0)
            return new AbandonmentAlert(last.Day, rate, null, 0, thresholdPercent, false, "no abandonment rate in the 7 days before the last day");
        var mean = RateComparison.Round(trailing.Average());
        var raised = rate > mean * (1 + (double)thresholdPercent / 100);
        return new AbandonmentAlert(last.Day, rate, mean, trailing.Count, thresholdPercent, raised, null);
    }
}
