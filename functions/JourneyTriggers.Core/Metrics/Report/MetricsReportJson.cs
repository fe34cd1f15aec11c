using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// The report's JSON (docs/metrics.md): camelCase property names from the records, dates as
/// <c>yyyy-MM-dd</c>, nulls written out (a null figure sits beside its reason), indented, Thai text
/// unescaped. Shared by <c>simulate --report</c>, <c>compare</c> and <c>GET /api/metrics</c>.
/// </summary>
public static class MetricsReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new LocalDateConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static byte[] ToUtf8(MetricsReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    /// <summary>A report file read back; text that is not a report is a <see cref="JsonException"/> naming the path.</summary>
    public static MetricsReport Parse(ReadOnlySpan<byte> utf8)
    {
        // Editors on Windows save UTF-8 with a byte order mark, which the JSON reader refuses as a first character.
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        var report = JsonSerializer.Deserialize<MetricsReport>(utf8, Options) ?? throw new JsonException("A report must be a JSON object, got null.");
        // The serializer checks a property's null against its annotation, but not a list's items.
        NoNulls(report.Funnel.Stages, "$.funnel.stages");
        NoNulls(report.Days, "$.days");
        NoNulls(report.Triggers, "$.triggers");
        for (var i = 0; i < report.Triggers.Count; i++)
        {
            var trigger = report.Triggers[i];
            NoNulls(trigger.Steps, $"$.triggers[{i}].steps");
            NoNulls(trigger.Branches, $"$.triggers[{i}].branches");
            NoNulls(trigger.Variants, $"$.triggers[{i}].variants");
            NoNulls(trigger.Channels, $"$.triggers[{i}].channels");
        }
        return report;
    }

    static void NoNulls<T>(IReadOnlyList<T> items, string path) where T : class
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] is null) throw new JsonException("an entry is null, where a report lists none.", $"{path}[{i}]", null, null);
    }

    sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A day must be a string like \"2026-11-16\".");
            var parsed = LocalDatePattern.Iso.Parse(text);
            return parsed.Success ? parsed.Value : throw new JsonException($"\"{text}\" is not a day like \"2026-11-16\".");
        }

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(MetricDay.Iso(value));
    }
}
