using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Application.Metrics;

/// <summary>
/// A tally cut into one tally per reporting day: the unit both stores keep and fold, so a query for some
/// days reads those days' records only. A decision usually counts on one day; a late touchpoint counts on its own.
/// </summary>
public static class TallyDays
{
    public static IEnumerable<(LocalDate Day, MetricsTally Tally)> Split(MetricsTally tally)
    {
        if (OnlyDay(tally) is { } only)
        {
            yield return (only, tally);
            yield break;
        }
        foreach (var day in tally.Rows.GroupBy(r => r.Key.Day).OrderBy(g => g.Key))
        {
            var builder = new MetricsTallyBuilder();
            foreach (var (key, value) in day) builder.Add(new MetricFact(key, value));
            yield return (day.Key, builder.ToTally());
        }
    }

    /// <summary>The one day every row of the tally counts on (a saved decision's usual case); null for none or several.</summary>
    static LocalDate? OnlyDay(MetricsTally tally)
    {
        LocalDate? day = null;
        foreach (var key in tally.Rows.Keys)
        {
            if (day is null) day = key.Day;
            else if (key.Day != day) return null;
        }
        return day;
    }
}
