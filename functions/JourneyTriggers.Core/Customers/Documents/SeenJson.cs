using System.Text.Json;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// Recent touchpoint ids for dedupe, oldest first. Schema 2 writes them as two columns of one length,
/// <c>"seen": {"ids": ["evt-1", "evt-2", "evt-3"], "at": ["2026-11-23T09:16:28.98602Z", 48510000, 0]}</c>:
/// item i of <c>at</c> is when id i was seen, either an ISO 8601 instant or a JSON integer, the whole
/// 100 ns ticks since the instant before it (0 for the same instant, negative for an earlier one). The
/// first is always an instant, so the window stays readable where it starts; any instant that is not a
/// whole number of ticks, and any gap of more than 2^53 − 1 ticks (about 28 years, beyond which a
/// JavaScript reader such as Cosmos DB's Data Explorer would round the integer), is written as an
/// instant too, so every <see cref="Instant"/> reads back exactly. Schema 1 wrote one object per id,
/// <c>"seen": [{"id", "at"}]</c>: four times the bytes for the field that is most of the document.
/// </summary>
internal static class SeenJson
{
    /// <summary>The largest integer an IEEE 754 double, and so every JSON reader, keeps exactly.</summary>
    const long MaxExactTicks = (1L << 53) - 1;

    static readonly long MinTicks = Instant.MinValue.ToUnixTimeTicks();
    static readonly long MaxTicks = Instant.MaxValue.ToUnixTimeTicks();

    static bool IsExact(long ticks) => ticks is >= -MaxExactTicks and <= MaxExactTicks;

    public static void Write(Utf8JsonWriter json, SeenTouchpoints seen)
    {
        var entries = seen.Entries;
        if (entries.IsEmpty) return;
        json.WriteStartObject("seen"u8);
        json.WritePropertyName("ids"u8);
        SeenIdsJson.Write(json, entries);
        json.WriteStartArray("at"u8);
        long? previous = null;
        foreach (var entry in entries)
        {
            var ticks = WholeTicks(entry.SeenAt);
            if (ticks is { } current && previous is { } before && IsExact(current - before)) json.WriteNumberValue(current - before);
            else WireInstants.WriteValue(json, entry.SeenAt);
            previous = ticks;
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static SeenTouchpoints Read(JsonElement document, int schema)
    {
        if (!WireJson.TryGet(document, "seen"u8, out var seen)) return SeenTouchpoints.Empty;
        return SeenTouchpoints.Adopt(schema == 1 ? ReadSchema1(seen) : ReadColumns(seen));
    }

    static SeenTouchpoint[] ReadColumns(JsonElement seen)
    {
        if (seen.ValueKind != JsonValueKind.Object)
            throw new JsonException($"'seen' must be an object of two arrays, {{\"ids\": [...], \"at\": [...]}}, got {seen.ValueKind}.");
        var ids = Column(seen, "ids"u8, "seen.ids");
        var times = Column(seen, "at"u8, "seen.at");
        var count = ids.GetArrayLength();
        if (times.GetArrayLength() != count)
            throw new JsonException($"'seen.ids' holds {count} ids but 'seen.at' {times.GetArrayLength()} instants: they must pair up one to one.");

        // One array for the window, handed to the log as it is; past the id strings nothing is allocated per entry.
        var entries = new SeenTouchpoint[count];
        var instants = times.EnumerateArray();
        var i = 0;
        long? previousTicks = null;
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String) throw new JsonException($"'seen.ids' item {i} must be a string, got {id.ValueKind}.");
            instants.MoveNext();
            var item = instants.Current;
            Instant at;
            if (item.ValueKind == JsonValueKind.Number)
            {
                var ticks = After(previousTicks, item, i);
                at = Instant.FromUnixTimeTicks(ticks);
                previousTicks = ticks;
            }
            else
            {
                at = item.ValueKind == JsonValueKind.String ? ReadInstant(item, i)
                    : throw new JsonException($"'seen.at' item {i} must be an ISO 8601 instant or a whole number of ticks, got {item.ValueKind}.");
                previousTicks = WholeTicks(at);
            }
            entries[i++] = new SeenTouchpoint(id.GetString()!, at);
        }
        return entries;
    }

    static JsonElement Column(JsonElement seen, ReadOnlySpan<byte> name, string path) =>
        !WireJson.TryGet(seen, name, out var column) ? throw new JsonException($"'{path}' is missing.")
        : column.ValueKind != JsonValueKind.Array ? throw new JsonException($"'{path}' must be an array, got {column.ValueKind}.")
        : column;

    static Instant ReadInstant(JsonElement item, int index)
    {
        try
        {
            return WireInstants.Read(item, "seen.at"u8);
        }
        catch (JsonException e)
        {
            throw new JsonException($"'seen.at' item {index}: {e.Message}", e);
        }
    }

    /// <summary>The instant's ticks since the Unix epoch, if it is a whole number of them: only then can the next count from it.</summary>
    static long? WholeTicks(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks) == instant ? ticks : null;
    }

    static long After(long? previousTicks, JsonElement item, int index)
    {
        if (!item.TryGetInt64(out var delta) || !IsExact(delta))
            throw new JsonException($"'seen.at' item {index} must be a whole number of ticks between -{MaxExactTicks} and {MaxExactTicks}, got {item.GetRawText()}.");
        if (previousTicks is not { } before)
            throw new JsonException(index == 0
                ? "'seen.at' item 0 is a number of ticks, but the first item must be an ISO 8601 instant for the others to count from."
                : $"'seen.at' item {index} is a number of ticks, but item {index - 1} is not a whole number of ticks to count from.");
        var ticks = before + delta;
        if (ticks < MinTicks || ticks > MaxTicks)
            throw new JsonException($"'seen.at' item {index} ({delta} ticks on) falls outside the instants NodaTime supports (years -9998 to 9999).");
        return ticks;
    }

    static SeenTouchpoint[] ReadSchema1(JsonElement seen)
    {
        if (seen.ValueKind != JsonValueKind.Array) throw WireJson.Wrong("seen"u8, "an array");
        var entries = new SeenTouchpoint[seen.GetArrayLength()];
        var i = 0;
        foreach (var item in seen.EnumerateArray())
        {
            var s = WireJson.Object(item, "seen id");
            entries[i++] = new SeenTouchpoint(WireJson.String(s, "id"u8), WireJson.Instant(s, "at"u8));
        }
        return entries;
    }
}
