using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

public sealed class SeenIdsJsonTests
{
    // Every printable ASCII character, some that must be escaped, Thai, a surrogate pair.
    static readonly Gen<string> Ids = Gen.String[Gen.OneOf(Gen.Char[' ', '~'], Gen.OneOf('"', '\\', '\n', '\u0001', '\u007f', 'ก', 'ข', '\u2028', 'é')), 0, 12]
        .SelectMany(text => Gen.Bool.Select(emoji => emoji ? text + "😀" : text));

    public static TheoryData<string> Encoders => ["relaxed", "default"];

    [Theory]
    [MemberData(nameof(Encoders))]
    public void The_ids_column_is_the_bytes_the_writer_writes_item_by_item(string encoderName)
    {
        var encoder = encoderName == "relaxed" ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null;
        Ids.List[0, 40].Sample(ids =>
        {
            var entries = ids.Select(id => new SeenTouchpoint(id, Instant.FromUnixTimeSeconds(0))).ToArray();
            Assert.Equal(ItemByItem(entries, encoder), Text(json => SeenIdsJson.Write(json, entries), encoder));
        });
    }

    [Fact]
    public void An_indented_writer_gets_the_ids_item_by_item_with_its_indentation()
    {
        var entries = new[] { new SeenTouchpoint("evt-1", Instant.FromUnixTimeSeconds(0)), new SeenTouchpoint("evt-2", Instant.FromUnixTimeSeconds(0)) };
        var options = new JsonWriterOptions { Indented = true };
        Assert.Equal(Text(json => { json.WriteStartArray(); json.WriteStringValue("evt-1"); json.WriteStringValue("evt-2"); json.WriteEndArray(); }, null, options),
            Text(json => SeenIdsJson.Write(json, entries), null, options));
    }

    static string ItemByItem(SeenTouchpoint[] entries, JavaScriptEncoder? encoder) => Text(json =>
    {
        json.WriteStartArray();
        foreach (var entry in entries) json.WriteStringValue(entry.Id);
        json.WriteEndArray();
    }, encoder);

    static string Text(Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder, JsonWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options ?? new JsonWriterOptions { Encoder = encoder })) write(json);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
