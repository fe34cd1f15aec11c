using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Typed reads of the fields of JSON we wrote ourselves (effects, customer documents). A missing
/// field means null (or false, or empty) — the writers leave those out — and a field of the wrong
/// kind is a <see cref="JsonException"/> naming it: such text was not written by us, or was damaged.
/// Field names are UTF-8 literals, so looking one up allocates nothing.
/// </summary>
internal static class WireJson
{
    public static JsonElement Required(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new JsonException($"'{Encoding.UTF8.GetString(name)}' is missing.");

    public static bool TryGet(JsonElement obj, ReadOnlySpan<byte> name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static string String(JsonElement obj, ReadOnlySpan<byte> name) => AsString(Required(obj, name), name);

    public static string? OptionalString(JsonElement obj, ReadOnlySpan<byte> name) =>
        TryGet(obj, name, out var value) ? AsString(value, name) : null;

    public static int Int32(JsonElement obj, ReadOnlySpan<byte> name) =>
        Required(obj, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n)
            ? n
            : throw Wrong(name, "a 32-bit whole number");

    public static long Int64(JsonElement obj, ReadOnlySpan<byte> name) =>
        Required(obj, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n)
            ? n
            : throw Wrong(name, "a 64-bit whole number");

    public static decimal Decimal(JsonElement obj, ReadOnlySpan<byte> name) => AsDecimal(Required(obj, name), name);

    public static decimal? OptionalDecimal(JsonElement obj, ReadOnlySpan<byte> name) =>
        TryGet(obj, name, out var value) ? AsDecimal(value, name) : null;

    public static bool? OptionalBoolean(JsonElement obj, ReadOnlySpan<byte> name) =>
        !TryGet(obj, name, out var value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, "true or false"),
        };

    /// <summary>A flag the writers leave out when false.</summary>
    public static bool Flag(JsonElement obj, ReadOnlySpan<byte> name) => OptionalBoolean(obj, name) ?? false;

    public static Instant Instant(JsonElement obj, ReadOnlySpan<byte> name) =>
        WireInstants.Read(Required(obj, name), name);

    public static Instant? OptionalInstant(JsonElement obj, ReadOnlySpan<byte> name) =>
        TryGet(obj, name, out var value) ? WireInstants.Read(value, name) : null;

    /// <summary>An array the writers leave out when empty: a missing field is an empty array.</summary>
    public static ImmutableArray<T> Array<T>(JsonElement obj, ReadOnlySpan<byte> name, Func<JsonElement, T> read)
    {
        if (!TryGet(obj, name, out var value)) return ImmutableArray<T>.Empty;
        if (value.ValueKind != JsonValueKind.Array) throw Wrong(name, "an array");
        var items = ImmutableArray.CreateBuilder<T>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray()) items.Add(read(item));
        return items.MoveToImmutable();
    }

    /// <summary>An item of an array that holds objects.</summary>
    public static JsonElement Object(JsonElement item, string what) =>
        item.ValueKind == JsonValueKind.Object ? item : throw new JsonException($"Each {what} must be a JSON object, got {item.ValueKind}.");

    public static string StringItem(JsonElement item, string what) =>
        item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new JsonException($"Each {what} must be a string, got {item.ValueKind}.");

    /// <summary>The member of <paramref name="values"/> whose wire name the field holds, compared without allocating.</summary>
    public static T OneOfField<T>(JsonElement obj, ReadOnlySpan<byte> name, T[] values, Func<T, string> wire) =>
        OneOf(Required(obj, name), name, values, wire);

    public static T OneOf<T>(JsonElement value, ReadOnlySpan<byte> name, T[] values, Func<T, string> wire)
    {
        if (value.ValueKind == JsonValueKind.String)
            foreach (var candidate in values)
                if (value.ValueEquals(wire(candidate))) return candidate;
        throw new JsonException($"'{Encoding.UTF8.GetString(name)}' has an unknown value {value.GetRawText()}.");
    }

    public static JsonException Wrong(ReadOnlySpan<byte> name, string expected) =>
        new($"'{Encoding.UTF8.GetString(name)}' must be {expected}.");

    static string AsString(JsonElement value, ReadOnlySpan<byte> name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, "a string");

    static decimal AsDecimal(JsonElement value, ReadOnlySpan<byte> name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : throw Wrong(name, "a decimal number");
}
