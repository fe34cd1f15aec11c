using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Http.Touchpoints;

/// <summary>
/// What <c>GET /api/touchpoints</c> was asked for: touchpoints received from <see cref="From"/> (inclusive) up to
/// <see cref="To"/> (exclusive), either bound absent for none. A bound is an instant with its UTC offset, or an ISO date
/// meaning the start of that day in the configuration's time zone, as the metrics read days: <c>from=2026-10-01&amp;to=2026-11-01</c>
/// is October, as the marketers' reports count it.
/// </summary>
internal sealed record ArchiveRange(Instant? From, Instant? To)
{
    /// <summary>Either the range or the problem with it, naming the parameter and what to send instead.</summary>
    public static (ArchiveRange? Range, string? Problem) Parse(string? from, string? to, DateTimeZone zone)
    {
        Instant? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            var (instant, problem) = Read("from", from, zone);
            if (problem is not null) return (null, problem);
            start = instant;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            var (instant, problem) = Read("to", to, zone);
            if (problem is not null) return (null, problem);
            end = instant;
        }
        if (start is { } first && end is { } last && first >= last)
            return (null, $"from ({InstantPattern.ExtendedIso.Format(first)}) must be before to ({InstantPattern.ExtendedIso.Format(last)}): " +
                "to is exclusive, so one day is from=2026-11-22&to=2026-11-23.");
        return (new ArchiveRange(start, end), null);
    }

    /// <summary>A date is the start of that day in <paramref name="zone"/>.</summary>
    static (Instant? Instant, string? Problem) Read(string parameter, string text, DateTimeZone zone) => DateOrInstant.Read(parameter, text) switch
    {
        ({ Date: { } day }, _) => (zone.AtStartOfDay(day).ToInstant(), null),
        ({ Instant: { } instant }, _) => (instant, null),
        (_, var problem) => (null, problem),
    };
}
