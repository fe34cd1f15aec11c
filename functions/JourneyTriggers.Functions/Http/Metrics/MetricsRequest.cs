using System.Globalization;
using JourneyTriggers.Core.Metrics.Report;
using NodaTime;

namespace JourneyTriggers.Functions.Http.Metrics;

/// <summary>
/// What <c>GET /api/metrics</c> and <c>/dashboard</c> were asked for: the days <c>[From, To)</c>, half-open, and
/// optionally one trigger. Metrics are kept per day of the configuration's time zone, so an instant is read in
/// that zone and widened to the day that holds it (<c>from</c>) or that it ends (<c>to</c>); the report names
/// the first and last day it covers, both inclusive.
/// </summary>
internal sealed record MetricsRequest(LocalDate From, LocalDate To, string? Trigger)
{
    /// <summary>A year and a day: a year-on-year comparison fits, a query over every day ever kept does not.</summary>
    public const int MaxDays = 366;
    public const int DefaultDays = 30;
    static readonly LocalDate FirstDay = new(1, 1, 1);

    /// <summary>The core's query: the same days, its last one inclusive.</summary>
    public MetricsQuery ToQuery() => new(From, To.PlusDays(-1), Trigger);

    /// <summary>
    /// Reads <c>from</c>, <c>to</c> and <c>trigger</c>; either the query or the problem with it, naming the
    /// parameter and what to send instead. Absent <c>to</c> is the end of <paramref name="today"/>;
    /// absent <c>from</c> is <see cref="DefaultDays"/> days before <c>to</c>.
    /// </summary>
    public static (MetricsRequest? Request, string? Problem) Parse(string? from, string? to, string? trigger,
        LocalDate today, DateTimeZone zone, IReadOnlyCollection<string> triggers)
    {
        LocalDate? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(to))
        {
            var (day, problem) = ReadDay("to", to, zone, roundUp: true);
            if (problem is not null) return (null, problem);
            end = day;
        }
        if (!string.IsNullOrWhiteSpace(from))
        {
            var (day, problem) = ReadDay("from", from, zone, roundUp: false);
            if (problem is not null) return (null, problem);
            start = day;
        }
        var last = end ?? today.PlusDays(1);
        // The default 30 days stop at the calendar's first day that a bound may name, as a given from must.
        var first = start ?? LocalDate.Max(last.PlusDays(-DefaultDays), FirstDay);
        if (first >= last)
            return (null, end is null
                ? $"from ({Iso(first)}) must be before to, which is the end of today ({Iso(last)}) when not given: ask for a from up to today, or give a to after it."
                : $"from ({Iso(first)}) must be before to ({Iso(last)}): to is exclusive, so one day is from=2026-11-22&to=2026-11-23.");
        var days = Period.Between(first, last, PeriodUnits.Days).Days;
        if (days > MaxDays)
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"from {Iso(first)} to {Iso(last)} is {days} days; ask for at most {MaxDays} days at a time."));

        string? name = null;
        if (!string.IsNullOrWhiteSpace(trigger))
        {
            name = trigger.Trim();
            if (!triggers.Contains(name))
                return (null, $"trigger '{name}' is not in the configuration; the triggers are {string.Join(", ", triggers)} (or leave trigger out for all).");
        }
        return (new MetricsRequest(first, last, name), null);
    }

    /// <summary>A date as it is; an instant read in <paramref name="zone"/>, widened to its day's end when <paramref name="roundUp"/>.</summary>
    static (LocalDate? Day, string? Problem) ReadDay(string parameter, string text, DateTimeZone zone, bool roundUp)
    {
        var (bound, problem) = DateOrInstant.Read(parameter, text);
        if (bound is not { } read) return (null, problem);
        if (read.Date is { } date) return (date, null);
        var local = read.Instant!.Value.InZone(zone);
        return (roundUp && local.TimeOfDay != LocalTime.Midnight ? local.Date.PlusDays(1) : local.Date, null);
    }

    public static string Iso(LocalDate day) => Core.Metrics.MetricDay.Iso(day);
}
