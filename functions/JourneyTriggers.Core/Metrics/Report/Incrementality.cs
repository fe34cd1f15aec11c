namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// What the reminders added over doing nothing: incremental conversions = (treated rate − holdout
/// rate) × treated eligible, and incremental revenue = incremental conversions × the treated group's
/// revenue per converted journey (recovered revenue ÷ treated converted).
/// </summary>
public static class Incrementality
{
    public static IncrementalEstimate Of(GroupOutcome treated, GroupOutcome holdout)
    {
        if (treated.Eligible == 0) return new IncrementalEstimate(null, null, "no eligible journeys in the treated group");
        if (holdout.Eligible == 0) return new IncrementalEstimate(null, null, "empty holdout group: nothing to compare with");
        var treatedRate = (double)treated.Converted / treated.Eligible;
        var holdoutRate = (double)holdout.Converted / holdout.Eligible;
        var conversions = (treatedRate - holdoutRate) * treated.Eligible;
        if (treated.Converted == 0)
            return new IncrementalEstimate(RateComparison.Round(conversions), null, "no treated conversions: revenue per conversion is undefined");
        var perConversion = treated.Revenue / treated.Converted;
        return new IncrementalEstimate(RateComparison.Round(conversions), Math.Round((decimal)conversions * perConversion, 2), null);
    }
}
