using System.Text.Json;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Azure.Metrics;

/// <summary>
/// <c>summaries/{day}.json</c>: the sum of a day's tally blobs folded so far, and the names of the blobs the last fold
/// absorbed (<see cref="Absorbed"/>): they are emptied after the summary is written, and a fold skips any it still
/// finds unemptied, so a crash between the write and the emptying counts nothing twice.
/// <code>{"absorbed":["tallies/2026-11-22/0193….json",…],"tally":{"version":1,"rows":[…]}}</code>
/// </summary>
internal sealed record DaySummary(IReadOnlySet<string> Absorbed, MetricsTally Tally)
{
    public static readonly DaySummary None = new(new HashSet<string>(), MetricsTally.Empty);

    public byte[] ToUtf8()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("absorbed"u8);
            foreach (var name in Absorbed.Order(StringComparer.Ordinal)) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WritePropertyName("tally"u8);
            MetricsTallyJson.Write(json, Tally);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static DaySummary Parse(BinaryData utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        var absorbed = root.GetProperty("absorbed"u8).EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
        return new DaySummary(absorbed, MetricsTallyJson.Read(root.GetProperty("tally"u8)));
    }
}
