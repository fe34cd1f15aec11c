using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// Which part of a tally to report: days <see cref="From"/> to <see cref="To"/>, both inclusive and
/// both optional (dates in the reporting time zone), and optionally one trigger. The trigger filter
/// applies to the triggers and the daily series; the funnel and carts started belong to no trigger.
/// </summary>
public sealed record MetricsQuery(LocalDate? From = null, LocalDate? To = null, string? Trigger = null)
{
    public static readonly MetricsQuery All = new();

    public bool Includes(LocalDate day) => (From is not { } from || day >= from) && (To is not { } to || day <= to);

    /// <summary>
    /// The query of <c>?from=&amp;to=&amp;trigger=</c> (each optional), or every problem with it, each
    /// naming the parameter: days are <c>yyyy-MM-dd</c> and <c>from</c> may not follow <c>to</c>.
    /// </summary>
    public static (MetricsQuery? Query, IReadOnlyList<string> Problems) Parse(string? from, string? to, string? trigger)
    {
        var problems = new List<string>();
        var fromDay = Day("from", from, problems);
        var toDay = Day("to", to, problems);
        if (fromDay is { } f && toDay is { } t && f > t)
            problems.Add($"from: {Format(f)} is after to ({Format(t)}); give the earlier day first");
        if (trigger is not null && string.IsNullOrWhiteSpace(trigger))
            problems.Add("trigger: empty; leave it out for every trigger, or name one");
        return problems.Count > 0 ? (null, problems) : (new MetricsQuery(fromDay, toDay, trigger), problems);
    }

    static LocalDate? Day(string name, string? text, List<string> problems)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success) return parsed.Value;
        problems.Add($"{name}: \"{text}\" is not a day like 2026-11-16 (yyyy-MM-dd, in the store's time zone)");
        return null;
    }

    static string Format(LocalDate day) => MetricDay.Iso(day);
}
