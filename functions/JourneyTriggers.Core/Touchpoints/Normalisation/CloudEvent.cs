using System.Text.Json;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// CloudEvents 1.0 whose data is a touchpoint in our format, in structured mode (one JSON envelope) or binary
/// mode (attributes in <c>ce-*</c> headers, data in the body). The touchpoint's own fields win; the envelope's
/// <c>id</c>, <c>type</c> and <c>time</c> fill its gaps (DESIGN 4.3.1).
/// </summary>
internal static class CloudEvent
{
    const string SupportedVersion = "1.0";
    static readonly CommonValues SupportedVersions = CommonValues.Of(SupportedVersion);

    // Headers arrive before the body, so their problems are reported first.
    static readonly FieldPosition HeadersAt = FieldPosition.Root.Child(-1);
    static readonly FieldPosition BodyAt = FieldPosition.Root.Child(0);

    /// <param name="root">The envelope, opened as the root of its reading.</param>
    public static TouchpointReading ReadStructured(JsonFields root, Instant? now)
    {
        var reasons = root.Reasons;
        if (root.RequiredText(FieldName.SpecVersion, common: SupportedVersions) is { } version)
        {
            CheckVersion(version);
        }

        var attributes = new CloudEventAttributes(root.Text(FieldName.Id), root.Text(FieldName.Type), root.Text(FieldName.Time), InHeaders: false);
        if (root.Has(FieldName.DataBase64)) return ReadBase64(root, attributes, now);

        return root.RequiredObject(FieldName.Data) is { } data
            ? NativeTouchpoint.Read(data, now, attributes)
            : Unread(attributes, reasons);
    }

    /// <summary>
    /// Data sent as base64 (CloudEvents JSON format 3.1.2: a reader decodes it), as some SDKs send every payload. It must
    /// still be a touchpoint: JSON, so a <c>datacontenttype</c> that says otherwise is refused.
    /// </summary>
    static TouchpointReading ReadBase64(JsonFields root, CloudEventAttributes attributes, Instant? now)
    {
        if (root.Has(FieldName.Data))
        {
            root.Reject(FieldName.DataBase64, "give data or data_base64, not both");
            return Unread(attributes, root.Reasons);
        }
        if (root.Text(FieldName.DataContentType) is { } contentType && !IsJson(contentType.Value))
            contentType.Reject($"{ValueText.Quoted(contentType.Value)} is not JSON; the data must be a touchpoint in JSON");
        var encoded = root.Text(FieldName.DataBase64);
        var bytes = encoded is null ? null : Decoded(encoded.Value.Value);
        if (encoded is { } text && bytes is null) text.Reject("not valid base64");
        if (bytes is null || root.Reasons.Any) return Unread(attributes, root.Reasons);
        return ReadData(bytes, FieldName.DataBase64.Text, root.PositionOf(FieldName.DataBase64.Text), attributes, root.Reading, now, isBody: false);
    }

    static byte[]? Decoded(string base64)
    {
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? bytes[..written] : null;
    }

    // application/json, or any type with the +json suffix, parameters aside.
    static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <param name="headers">The <c>ce-*</c> header values, keyed by attribute name without the prefix, in any case.</param>
    public static TouchpointReading ReadBinary(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> data, Instant? now, EventReading reading)
    {
        var reasons = reading.Reasons;
        if (Header(headers, "specversion", reasons) is { } version)
        {
            CheckVersion(version);
        }
        else
        {
            reasons.Add(HeadersAt, "ce-specversion", "missing");
        }

        var attributes = new CloudEventAttributes(Header(headers, "id", reasons), Header(headers, "type", reasons), Header(headers, "time", reasons), InHeaders: true);
        return ReadData(data, "data", BodyAt, attributes, reading, now, isBody: true);
    }

    /// <summary>The touchpoint in <paramref name="data"/>, JSON bytes that came apart from the envelope (a body, or base64).</summary>
    /// <param name="isBody">Binary mode: data that is not JSON is a request body that is not JSON, refused like any other.</param>
    static TouchpointReading ReadData(ReadOnlySpan<byte> data, string name, FieldPosition at, CloudEventAttributes attributes, EventReading reading, Instant? now, bool isBody)
    {
        var reasons = reading.Reasons;
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            reasons.Add(at, name, "missing");
            return Unread(attributes, reasons);
        }

        if (!JsonBody.TryParseOne(data, out var document, out var error))
        {
            reasons.Add(at, name, $"invalid JSON: {JsonBody.Describe(error)}");
            return Unread(attributes, reasons) with { NotJson = isBody };
        }

        using (document)
        {
            var touchpoint = document.RootElement;
            if (touchpoint.ValueKind != JsonValueKind.Object)
            {
                reasons.Add(at, name, $"expected a JSON object, got {ValueText.Of(touchpoint)}");
                return Unread(attributes, reasons);
            }

            if (UnicodeCheck.FindUndecodable(touchpoint, name) is (var path, var problem))
            {
                reasons.Add(at, path, problem);
                return Unread(attributes, reasons);
            }

            return NativeTouchpoint.Read(JsonFields.Of(reading, touchpoint, name, at), now, attributes);
        }
    }

    // The first header of that name in any case, as the dictionary holds them.
    static FieldText? Header(IReadOnlyDictionary<string, string> headers, string name, RejectionReasons reasons)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return new FieldText(header.Value, "ce-" + name, HeadersAt, reasons);
            }
        }

        return null;
    }

    static void CheckVersion(FieldText version)
    {
        var value = version.Value;
        if (value != SupportedVersion)
        {
            version.Reject($"{ValueText.Quoted(value)} is not supported, expected \"{SupportedVersion}\"");
        }
    }

    // Without a touchpoint only the envelope can say which event was refused.
    static TouchpointReading.Rejected Unread(CloudEventAttributes attributes, RejectionReasons reasons)
    {
        var id = attributes.Id?.AsId();
        return new TouchpointReading.Rejected(id, null, reasons.Join());
    }
}
