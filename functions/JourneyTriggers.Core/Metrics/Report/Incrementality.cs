namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// What the reminders added over doing nothing: incremental conversions = (treated rate − holdout
/// rate) × treated eligible, and incremental revenue = incremental conversions × the treated group's
/// revenue per conversion (recovered revenue ÷ treated conversions).
/// </summary>
public static class Incrementality
{
    public static IncrementalEstimate Of(GroupOutcome treated, GroupOutcome holdout)
    {
        if (treated.Eligible == 0) return new IncrementalEstimate(null, null, "no eligible journeys in the treated group");
        if (holdout.Eligible == 0) return new IncrementalEstimate(null, null, "empty holdout group: nothing to compare with");
        var treatedRate = (double)treated.Conversions / treated.Eligible;
        var holdoutRate = (double)holdout.Conversions / holdout.Eligible;
        var conversions = (treatedRate - holdoutRate) * treated.Eligible;
        if (treated.Conversions == 0)
            return new IncrementalEstimate(RateComparison.Round(conversions), null, "no treated conversions: revenue per conversion is undefined");
        var perConversion = treated.Revenue / treated.Conversions;
        return new IncrementalEstimate(RateComparison.Round(conversions), Math.Round((decimal)conversions * perConversion, 2), null);
    }
}
