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
    public static DateOrInstant? Read(string text)
    {
        text = text.Trim();
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date) return new DateOrInstant(date.Value, null);
        return OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } instant ? new DateOrInstant(null, instant.Value.ToInstant()) : null;
    }

    /// <summary>Why a bound that did not read is refused, naming the parameter and what to send instead.</summary>
    public static string Unreadable(string parameter, string value) =>
        $"{parameter}: '{value}' is neither an ISO date (2026-11-22, the start of that day in the configuration's time zone) " +
        "nor an instant with its UTC offset (2026-11-22T10:00:00Z).";
}
