using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// A range bound as the admin routes take it (<c>from</c>/<c>to</c> of the metrics and the touchpoint export): an ISO
/// date (<c>2026-11-22</c>), a day of the configuration's time zone, or an instant with its UTC offset
/// (<c>2026-11-22T10:00:00Z</c>, <c>…+07:00</c>). Exactly one of the two is set.
/// </summary>
internal readonly record struct DateOrInstant(LocalDate? Date, Instant? Instant)
{
    // NodaTime counts years -9998 to 9999. The routes move a bound by a zone's offset, a day and up to a year
    // (the metrics' default and longest ranges); a year of margin on both sides keeps that from overflowing.
    const int FirstYear = 1;
    const int LastYear = 9998;

    /// <summary>Either the bound or why it is refused, naming <paramref name="parameter"/> and what to send instead.</summary>
    public static (DateOrInstant? Bound, string? Problem) Read(string parameter, string value)
    {
        var text = value.Trim();
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
            return OutsideYears(parameter, value, date.Value.Year) is { } problem ? (null, problem) : (new DateOrInstant(date.Value, null), null);
        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } instant)
            return OutsideYears(parameter, value, instant.Value.Year) is { } problem ? (null, problem) : (new DateOrInstant(null, instant.Value.ToInstant()), null);
        return (null, $"{parameter}: '{value}' is neither an ISO date (2026-11-22, the start of that day in the configuration's time zone) " +
            "nor an instant with its UTC offset (2026-11-22T10:00:00Z).");
    }

    static string? OutsideYears(string parameter, string value, int year) =>
        year is >= FirstYear and <= LastYear
            ? null
            : $"{parameter}: '{value}' is in the year {year}; a bound must fall in the years {FirstYear:D4} to {LastYear}.";
}
