using System.Text.Json;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// The stored form of a tally (docs/metrics.md): <c>{"version":1,"rows":[{"day":"2026-11-16",
/// "measure":"message_sent","trigger":…,"count":1}]}</c>, rows in <see cref="MetricKeyOrder"/>,
/// dimensions that are unset left out, <c>amount</c> only when non-zero. <c>Read(Write(t))</c> equals
/// <c>t</c>. Text this format never writes is a <see cref="JsonException"/> naming the row and field.
/// </summary>
public static class MetricsTallyJson
{
    public const int Version = 1;
    static readonly LocalDatePattern DayPattern = LocalDatePattern.Iso;
    static readonly Channel[] Channels = Enum.GetValues<Channel>();

    public static void Write(Utf8JsonWriter json, MetricsTally tally)
    {
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteStartArray("rows");
        // Sorted in place: OrderBy would also build an array of the keys and one of their positions, for every saved decision.
        var rows = tally.Rows.ToArray();
        Array.Sort(rows, static (x, y) => MetricKeyOrder.Instance.Compare(x.Key, y.Key));
        foreach (var (key, value) in rows)
        {
            json.WriteStartObject();
            json.WriteString("day", MetricDay.Iso(key.Day));
            json.WriteString("measure", key.Measure.ToWire());
            if (key.Trigger is { } trigger) json.WriteString("trigger", trigger);
            if (key.Step != 0) json.WriteNumber("step", key.Step);
            if (key.Branch is { } branch) json.WriteString("branch", branch);
            if (key.Variant is { } variant) json.WriteString("variant", variant);
            if (key.Channel is { } channel) json.WriteString("channel", channel.ToWire());
            if (key.Group.ToWire() is { } group) json.WriteString("group", group);
            if (key.Reason is { } reason) json.WriteString("reason", reason);
            json.WriteNumber("count", value.Count);
            if (value.Amount != 0m) json.WriteNumber("amount", value.Amount);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Once per saved decision in a live host: a reused buffer and writer, so only the bytes are allocated.</summary>
    public static byte[] ToUtf8(MetricsTally tally) =>
        ReusedJsonWriter<MetricsTally>.ToArray(default, tally, static (json, tally) => Write(json, tally));

    public static MetricsTally Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    public static MetricsTally Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new JsonException($"A tally must be a JSON object, got {json.ValueKind}.");
        if (!json.TryGetProperty("version"u8, out var version) || !version.TryGetInt32(out var v) || v != Version)
            throw new JsonException($"A tally needs \"version\": {Version}.");
        if (!json.TryGetProperty("rows"u8, out var rows) || rows.ValueKind != JsonValueKind.Array)
            throw new JsonException("A tally needs a \"rows\" array.");
        var builder = new MetricsTallyBuilder();
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            builder.Add(ReadRow(row, index));
            index++;
        }
        return builder.ToTally();
    }

    static MetricFact ReadRow(JsonElement row, int index)
    {
        if (row.ValueKind != JsonValueKind.Object) throw Wrong(index, "row", "a JSON object");
        var dayText = RequiredString(row, "day", index);
        var day = DayPattern.Parse(dayText);
        if (!day.Success) throw Wrong(index, "day", "a date like 2026-11-16");
        var measureText = RequiredString(row, "measure", index);
        var measure = MetricMeasureNames.FromWire(measureText) ?? throw Wrong(index, "measure", $"a known measure, not \"{measureText}\"");
        var step = 0;
        if (row.TryGetProperty("step"u8, out var stepValue) && (!stepValue.TryGetInt32(out step) || step < 1))
            throw Wrong(index, "step", "a whole number from 1");
        Channel? channel = null;
        if (OptionalString(row, "channel", index) is { } channelText)
            channel = ChannelNamed(channelText) ?? throw Wrong(index, "channel", $"a known channel, not \"{channelText}\"");
        var group = MetricGroupNames.FromWire(OptionalString(row, "group", index)) ?? throw Wrong(index, "group", "\"treated\" or \"holdout\"");
        if (!row.TryGetProperty("count"u8, out var countValue) || !countValue.TryGetInt64(out var count))
            throw Wrong(index, "count", "a whole number");
        var amount = 0m;
        if (row.TryGetProperty("amount"u8, out var amountValue) && !amountValue.TryGetDecimal(out amount))
            throw Wrong(index, "amount", "a decimal number");
        var key = new MetricKey(day.Value, measure, OptionalString(row, "trigger", index), step,
            OptionalString(row, "branch", index), OptionalString(row, "variant", index), channel, group, OptionalString(row, "reason", index));
        return new MetricFact(key, new MetricValue(count, amount));
    }

    static Channel? ChannelNamed(string text)
    {
        foreach (var channel in Channels)
            if (channel.ToWire() == text) return channel;
        return null;
    }

    static string RequiredString(JsonElement row, string name, int index) =>
        OptionalString(row, name, index) ?? throw Wrong(index, name, "present");

    static string? OptionalString(JsonElement row, string name, int index)
    {
        if (!row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(index, name, "a string");
    }

    static JsonException Wrong(int index, string field, string expected) => new($"rows[{index}].{field} must be {expected}.");
}
