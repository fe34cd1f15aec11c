using System.Text.Json;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// The document's one omission rule, in one place: a null value is left out (and so is a false flag
/// or an empty list, at their call sites), which <see cref="WireJson"/> reads back as null.
/// </summary>
internal static class DocumentWrite
{
    public static void OptionalString(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    public static void OptionalDecimal(Utf8JsonWriter json, ReadOnlySpan<byte> name, decimal? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
    }

    public static void Instant(Utf8JsonWriter json, ReadOnlySpan<byte> name, Instant value) => WireInstants.Write(json, name, value);

    public static void OptionalInstant(Utf8JsonWriter json, ReadOnlySpan<byte> name, Instant? value)
    {
        if (value is { } instant) WireInstants.Write(json, name, instant);
    }
}
