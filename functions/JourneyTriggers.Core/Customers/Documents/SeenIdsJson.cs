using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// The <c>"ids"</c> column of the dedupe window, up to 1,000 strings written with every save of a busy customer: the
/// writer checked each for characters to escape and transcoded it, the largest cost of writing a document. An id of
/// printable ASCII that neither the relaxed nor the default encoder escapes (nearly every id: <c>evt-1</c>, GUIDs) is
/// copied as its bytes; any other is escaped by the writer's own encoder. The array goes into the document whole, the
/// bytes the writer would have written item by item.
/// </summary>
internal static class SeenIdsJson
{
    // Printable ASCII but the characters JSON escapes and those an HTML-safe encoder may escape: " \ < > & ' + `
    static readonly SearchValues<char> PlainChars = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    public static void Write(Utf8JsonWriter json, ReadOnlySpan<SeenTouchpoint> entries)
    {
        var encoder = json.Options.Encoder;
        if (json.Options.Indented || (encoder is not null && encoder != JavaScriptEncoder.UnsafeRelaxedJsonEscaping && encoder != JavaScriptEncoder.Default))
        {
            // A host's writer of another shape: item by item, as it would write them.
            json.WriteStartArray();
            foreach (var entry in entries) json.WriteStringValue(entry.Id);
            json.WriteEndArray();
            return;
        }

        var output = ReusedBuffer<SeenTouchpoint>.Take();
        output.Write("["u8);
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0) output.Write(","u8);
            var id = entries[i].Id;
            if (!id.AsSpan().ContainsAnyExcept(PlainChars)) Quoted(output, id);
            else Quoted(output, JsonEncodedText.Encode(id, encoder).EncodedUtf8Bytes);
        }
        output.Write("]"u8);
        json.WriteRawValue(output.WrittenSpan, skipInputValidation: true);
        ReusedBuffer<SeenTouchpoint>.GiveBack(output);
    }

    static void Quoted(ArrayBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length + 2);
        span[0] = (byte)'"';
        Encoding.ASCII.GetBytes(ascii, span[1..]);
        span[ascii.Length + 1] = (byte)'"';
        output.Advance(ascii.Length + 2);
    }

    static void Quoted(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> escaped)
    {
        output.Write("\""u8);
        output.Write(escaped);
        output.Write("\""u8);
    }
}
