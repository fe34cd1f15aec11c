using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Application.Ports;
using NodaTime.Text;

namespace JourneyTriggers.Azure.DeadLetters;

/// <summary>
/// One dead letter as a JSON blob: <c>{"id","at","source","reason","details":{…},"body":"&lt;base64&gt;"}</c>.
/// The body is Base64 because it is the raw bytes as received, which need not be text at all.
/// </summary>
internal static class DeadLetterJson
{
    static readonly InstantPattern Instants = InstantPattern.ExtendedIso;
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static ReadOnlyMemory<byte> Write(string id, DeadLetter letter)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + letter.Body.Length * 4 / 3);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("id"u8, id);
            json.WriteString("at"u8, Instants.Format(letter.At));
            json.WriteString("source"u8, letter.Source);
            json.WriteString("reason"u8, letter.Reason);
            json.WriteStartObject("details"u8);
            foreach (var (name, value) in letter.Details) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteBase64String("body"u8, letter.Body.Span);
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    public static StoredDeadLetter Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return new StoredDeadLetter(
            root.GetProperty("id"u8).GetString()!,
            new DeadLetter(
                Instants.Parse(root.GetProperty("at"u8).GetString()!).GetValueOrThrow(),
                root.GetProperty("source"u8).GetString()!,
                root.GetProperty("reason"u8).GetString()!,
                root.GetProperty("body"u8).GetBytesFromBase64(),
                root.GetProperty("details"u8).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")));
    }
}
