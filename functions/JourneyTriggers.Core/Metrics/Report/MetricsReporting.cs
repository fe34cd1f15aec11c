using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// Reads a tally back as the report of DESIGN 4.7, for a range of days and optionally one trigger.
/// Pure: the same tally, query and configuration give the same report; the report of merged tallies
/// is the report of all their facts. The configuration names the trigger kinds, the control variants,
/// the currency and the alert threshold.
/// </summary>
public static class MetricsReporting
{
    static readonly (string Stage, MetricMeasure Measure)[] FunnelStages =
    [
        ("product_viewed", MetricMeasure.ProductViewed),
        ("added_to_cart", MetricMeasure.CartItemAdded),
        ("checkout_started", MetricMeasure.CheckoutStarted),
        ("order_completed", MetricMeasure.OrderCompleted),
    ];

    public static MetricsReport Report(MetricsTally tally, MetricsQuery query, TriggerConfiguration configuration)
    {
        var rows = tally.Rows.Where(r => query.Includes(r.Key.Day)).ToList();
        var triggers = TriggerNames(rows, query, configuration);
        var cartsStarted = Count(rows, MetricMeasure.CartStarted);
        var reports = triggers.Select(t => TriggerReports.Of(t, rows.Where(r => r.Key.Trigger == t).ToList(), cartsStarted, configuration)).ToList();
        var days = Days(rows, query, triggers, configuration);
        return new MetricsReport(
            days.Count > 0 ? days[0].Day : null,
            days.Count > 0 ? days[^1].Day : null,
            query.Trigger,
            configuration.Defaults.TimeZone.Id,
            configuration.Defaults.Currency,
            cartsStarted,
            Count(rows, MetricMeasure.EventRejected),
            Funnel(rows),
            reports,
            days,
            AbandonmentAlerts.Evaluate(days, configuration.Defaults.AbandonmentAlertPercent));
    }

    /// <summary>The configured triggers in configuration order, then any others the tally names (an earlier configuration's), by name.</summary>
    static List<string> TriggerNames(List<KeyValuePair<MetricKey, MetricValue>> rows, MetricsQuery query, TriggerConfiguration configuration)
    {
        var configured = configuration.Triggers.Select(t => t.Name).ToList();
        var others = rows.Select(r => r.Key.Trigger).OfType<string>().Distinct().Where(t => !configured.Contains(t)).Order(StringComparer.Ordinal);
        var all = configured.Concat(others);
        return (query.Trigger is { } only ? all.Where(t => t == only) : all).ToList();
    }

    static FunnelReport Funnel(List<KeyValuePair<MetricKey, MetricValue>> rows)
    {
        var stages = new List<FunnelStage>();
        long? previous = null;
        foreach (var (stage, measure) in FunnelStages)
        {
            var count = Count(rows, measure);
            stages.Add(new FunnelStage(stage, count, previous is > 0 ? RateComparison.Round(1 - (double)count / previous.Value) : null));
            previous = count;
        }
        return new FunnelReport(stages, Amount(rows, MetricMeasure.OrderCompleted));
    }

    /// <summary>Every day from the query's first day (or the tally's) to its last, empty days included, so a chart has no gaps.</summary>
    static List<DayReport> Days(List<KeyValuePair<MetricKey, MetricValue>> rows, MetricsQuery query, List<string> triggers, TriggerConfiguration configuration)
    {
        var days = new List<DayReport>();
        var first = query.From ?? (rows.Count > 0 ? rows.Min(r => r.Key.Day) : null);
        var last = query.To ?? (rows.Count > 0 ? rows.Max(r => r.Key.Day) : null);
        if (first is not { } from || last is not { } to || from > to) return days;

        var cartTriggers = configuration.Triggers.Where(t => t.Kind == TriggerKind.CartAbandoned).Select(t => t.Name).Where(triggers.Contains).ToHashSet();
        var byDay = rows.ToLookup(r => r.Key.Day);
        for (var day = from; day <= to; day = day.PlusDays(1))
        {
            var today = byDay[day].ToList();
            var mine = today.Where(r => r.Key.Trigger is { } t && triggers.Contains(t)).ToList();
            var carts = Count(today, MetricMeasure.CartStarted);
            var abandoned = Count(mine.Where(r => cartTriggers.Contains(r.Key.Trigger!) && r.Key.Step == 1), MetricMeasure.StepDue);
            days.Add(new DayReport(
                day,
                carts,
                Count(mine, MetricMeasure.JourneyEntered),
                abandoned,
                RateComparison.Rate(abandoned, carts),
                Count(mine, MetricMeasure.MessageSent),
                Count(mine.Where(r => r.Key.Group == MetricGroup.Treated), MetricMeasure.Conversion),
                Amount(mine.Where(r => r.Key.Group == MetricGroup.Treated), MetricMeasure.Conversion),
                Count(mine.Where(r => r.Key.Group == MetricGroup.Holdout), MetricMeasure.Conversion)));
        }
        return days;
    }

    internal static long Count(IEnumerable<KeyValuePair<MetricKey, MetricValue>> rows, MetricMeasure measure) =>
        rows.Where(r => r.Key.Measure == measure).Sum(r => r.Value.Count);

    internal static decimal Amount(IEnumerable<KeyValuePair<MetricKey, MetricValue>> rows, MetricMeasure measure) =>
        rows.Where(r => r.Key.Measure == measure).Sum(r => r.Value.Amount);

    internal static string? KindOf(string trigger, TriggerConfiguration configuration) =>
        configuration.Find(trigger)?.Kind.ToWire();

    internal static readonly string[] SuppressionReasons = Enum.GetValues<SuppressionReason>().Select(r => r.ToWire()).ToArray();
}
