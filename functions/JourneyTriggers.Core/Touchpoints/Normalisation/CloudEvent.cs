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

        var attributes = new CloudEventAttributes(root.Text(FieldName.Id), root.Text(FieldName.Type), root.Text(FieldName.Time));
        if (!root.Has(FieldName.Data) && root.Has(FieldName.DataBase64))
        {
            root.Reject(FieldName.DataBase64, "not supported, send the touchpoint as JSON in data");
            return Unread(attributes, reasons);
        }

        return root.RequiredObject(FieldName.Data) is { } data
            ? NativeTouchpoint.Read(data, now, attributes)
            : Unread(attributes, reasons);
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

        var attributes = new CloudEventAttributes(Header(headers, "id", reasons), Header(headers, "type", reasons), Header(headers, "time", reasons));
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            reasons.Add(BodyAt, "data", "missing");
            return Unread(attributes, reasons);
        }

        if (!JsonBody.TryParseOne(data, out var document, out var error))
        {
            reasons.Add(BodyAt, "data", $"invalid JSON: {JsonBody.Describe(error)}");
            return Unread(attributes, reasons);
        }

        using (document)
        {
            var touchpoint = document.RootElement;
            if (touchpoint.ValueKind != JsonValueKind.Object)
            {
                reasons.Add(BodyAt, "data", $"expected a JSON object, got {ValueText.Of(touchpoint)}");
                return Unread(attributes, reasons);
            }

            if (UnicodeCheck.FindUndecodable(touchpoint, "data") is (var path, var problem))
            {
                reasons.Add(BodyAt, path, problem);
                return Unread(attributes, reasons);
            }

            return NativeTouchpoint.Read(JsonFields.Of(reading, touchpoint, "data", BodyAt), now, attributes);
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
