using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Splits a request or file body into the JSON objects it holds. A body that parses as one JSON value is that
/// value: an object, or an array of objects. Otherwise a body starting with <c>[</c> is a broken array, one
/// problem; anything else is NDJSON, read line by line so that a bad line costs only itself.
/// </summary>
internal static class JsonBody
{
    public static IReadOnlyList<TouchpointReading> Read(ReadOnlySpan<byte> utf8, Func<JsonElement, TouchpointReading> readObject)
    {
        var body = Trim(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8);
        if (body.IsEmpty)
        {
            return [];
        }

        // The body, and each of its lines when it is NDJSON, are parsed from one pooled copy: JsonDocument.ParseValue
        // (TryParseOne) copies the value into a new array and builds its index in another, and scans it twice.
        var rented = ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            body.CopyTo(rented);
            var copy = rented.AsMemory(0, body.Length);
            if (!TryParse(copy, out var document, out var error))
            {
                if (body[0] != (byte)'[') return Lines(copy, readObject);
                return Elements(copy, readObject) ?? [Invalid(Place.Line(error.LineNumber + 1), error)];
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array) return [One(root, Place.Line(1), readObject)];
                var readings = new TouchpointReading[root.GetArrayLength()];
                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    readings[index] = One(element, Place.Element(index), readObject);
                    index++;
                }
                return readings;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Exactly one JSON value in <paramref name="json"/>, which the document reads in place (its index is pooled).</summary>
    static bool TryParse(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out JsonException? error)
    {
        try
        {
            document = JsonDocument.Parse(json);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            document = null;
            error = exception;
            return false;
        }
    }

    /// <summary>Exactly one JSON value, with nothing but whitespace after it.</summary>
    public static bool TryParseOne(ReadOnlySpan<byte> json, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out JsonException? error)
    {
        document = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);

            // Without AllowMultipleValues the reader throws on anything after the value.
            reader.Read();
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            document?.Dispose();
            document = null;
            error = exception;
            return false;
        }
    }

    /// <summary>
    /// The parser's message without its zero-based position, which is restated as the byte in the line. The
    /// message echoes the offending token, however long, so it is cut short.
    /// </summary>
    public static string Describe(JsonException error)
    {
        const int maxLength = 200;
        var message = error.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (position < 0 ? message : message[..position]).TrimEnd('.', ' ');
        var shown = text.Length <= maxLength ? text : text[..maxLength] + "…";
        return error.BytePositionInLine is { } bytePosition ? $"{shown} (byte {bytePosition + 1})" : shown;
    }

    static List<TouchpointReading> Lines(ReadOnlyMemory<byte> body, Func<JsonElement, TouchpointReading> readObject)
    {
        var readings = new List<TouchpointReading>();
        var lineNumber = 0;
        foreach (var range in body.Span.Split((byte)'\n'))
        {
            lineNumber++;
            var (start, length) = range.GetOffsetAndLength(body.Length);
            var line = body.Slice(start, length);
            var leading = line.Span.Length - line.Span.TrimStart(Whitespace).Length;
            line = line.Slice(leading, Trim(line.Span).Length);
            if (line.IsEmpty)
            {
                continue;
            }

            if (!TryParse(line, out var document, out var error))
            {
                readings.Add(Invalid(Place.Line(lineNumber), error));
                continue;
            }

            using (document)
            {
                readings.Add(One(document.RootElement, Place.Line(lineNumber), readObject));
            }
        }

        return readings;
    }

    /// <summary>
    /// An array that is well-formed but will not parse whole (an element nested deeper than the parser allows), read
    /// element by element, so that element costs only itself, as a line of NDJSON would; null when the array itself is
    /// broken. The split only follows brackets, without building anything, so its reader may go as deep as the body does.
    /// </summary>
    static TouchpointReading[]? Elements(ReadOnlyMemory<byte> body, Func<JsonElement, TouchpointReading> readObject)
    {
        var bounds = new List<(int Start, int Length)>();
        try
        {
            var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = int.MaxValue });
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                bounds.Add((start, (int)reader.BytesConsumed - start));
            }
            if (reader.Read()) return null;
        }
        catch (JsonException)
        {
            return null;
        }

        var readings = new TouchpointReading[bounds.Count];
        for (var index = 0; index < bounds.Count; index++)
        {
            var (start, length) = bounds[index];
            if (!TryParse(body.Slice(start, length), out var document, out var error))
            {
                readings[index] = Invalid(Place.Element(index), error);
                continue;
            }

            using (document)
            {
                readings[index] = One(document.RootElement, Place.Element(index), readObject);
            }
        }
        return readings;
    }

    static TouchpointReading One(JsonElement element, Place where, Func<JsonElement, TouchpointReading> readObject) =>
        element.ValueKind == JsonValueKind.Object
            ? readObject(element)
            : new TouchpointReading.Rejected(null, null, $"{where}: expected a JSON object, got {ValueText.Of(element)}");

    static TouchpointReading.Rejected Invalid(Place where, JsonException error) =>
        new(null, null, $"{where}: {TouchpointNormaliser.InvalidJson(error)}", NotJson: true);

    /// <summary>Where an event sat in the body (<c>[2]</c>, <c>line 3</c>): put into words only for a refusal.</summary>
    readonly record struct Place(bool InArray, long? Number)
    {
        public static Place Element(int index) => new(true, index);

        public static Place Line(long? number) => new(false, number);

        public override string ToString() => InArray ? $"[{Number}]" : $"line {Number}";
    }

    static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(Whitespace);
}
