using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// Durations as ISO 8601 (<c>P3D</c>, <c>PT1H30M</c>, <c>PT0.5S</c>): the form the trigger
/// configuration uses, so a ledger entry's attribution window reads the same as the setting it came
/// from. Days are exact 24-hour days, as in the configuration (DESIGN 4.3.1); the normalizing
/// pattern gives one canonical text per duration, so the bytes are stable.
/// </summary>
internal static class DocumentDurations
{
    static readonly PeriodPattern Iso = PeriodPattern.NormalizingIso;

    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, Duration duration) =>
        json.WriteString(name, Iso.Format(new PeriodBuilder { Days = duration.Days, Nanoseconds = duration.NanosecondOfDay }.Build()));

    public static Duration Read(JsonElement value, string name)
    {
        var parsed = value.ValueKind == JsonValueKind.String ? Iso.Parse(value.GetString()!) : null;
        if (parsed is not { Success: true } || parsed.Value.Years != 0 || parsed.Value.Months != 0)
            throw new JsonException($"'{name}' must be an ISO 8601 duration in weeks, days, hours, minutes and seconds.");
        return parsed.Value.ToDuration();
    }
}
