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
    public static MetricsReport Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<MetricsReport>(utf8, Options) ?? throw new JsonException("A report must be a JSON object, got null.");

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
