using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// Reads and validates a trigger configuration (DESIGN 4.3). Bad input is data: it never throws,
/// and it reports every problem at once rather than the first.
/// </summary>
public static class ConfigurationLoader
{
    // Strict RFC 8259: no comments, no trailing commas, so any JSON tool reads the same file the same way.
    static readonly JsonDocumentOptions Strict = new();

    public static ConfigurationLoadResult Load(string json) => Load(Encoding.UTF8.GetBytes(json));

    public static ConfigurationLoadResult Load(ReadOnlySpan<byte> utf8Json)
    {
        // Editors on Windows often save a byte order mark; it is not part of the JSON, and JsonDocument refuses it.
        if (utf8Json.StartsWith(Encoding.UTF8.Preamble))
            utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];

        // JsonDocument accepts invalid UTF-8 inside strings and only fails when the text is decoded.
        if (!Utf8.IsValid(utf8Json))
            return Refuse("is not UTF-8 text");

        JsonDocument document;
        try
        {
            // The document keeps reading from the buffer it parsed, and a span cannot be kept: it gets a copy.
            document = JsonDocument.Parse(utf8Json.ToArray(), Strict);
        }
        catch (JsonException e)
        {
            return Refuse(InvalidJson(e));
        }

        using (document)
        {
            var log = new ErrorLog();
            var configuration = ConfigurationReader.Read(new JsonField(document.RootElement, JsonField.RootPath), log);
            return log.IsEmpty
                ? new ConfigurationLoadResult.Loaded(
                    configuration ?? throw new InvalidOperationException("A configuration reader returned nothing without reporting why."))
                : new ConfigurationLoadResult.Invalid(log.Errors);
        }
    }

    static ConfigurationLoadResult.Invalid Refuse(string message) =>
        new([new ConfigurationError(JsonField.RootPath, message)]);

    static string InvalidJson(JsonException e)
    {
        // The parser's message repeats its 0-based position; say it once, 1-based as editors count.
        var reason = e.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
            reason = reason[..suffix];
        return e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"is not valid JSON (line {line + 1}, byte {position + 1}): {reason}"
            : $"is not valid JSON: {reason}";
    }
}
