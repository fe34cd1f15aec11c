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

    // Headers arrive before the body, so their problems are reported first.
    static readonly FieldPosition HeadersAt = FieldPosition.Root.Child(-1);
    static readonly FieldPosition BodyAt = FieldPosition.Root.Child(0);

    /// <param name="envelope">An object whose text has passed <see cref="UnicodeCheck"/>.</param>
    public static TouchpointReading ReadStructured(JsonElement envelope, Instant? now)
    {
        var reasons = new RejectionReasons();
        var root = JsonFields.Of(envelope, "", FieldPosition.Root, reasons);
        if (root.RequiredText("specversion") is { } version)
        {
            CheckVersion(version);
        }

        var attributes = new CloudEventAttributes(root.Text("id"), root.Text("type"), root.Text("time"));
        if (!root.Has("data") && root.Has("data_base64"))
        {
            root.Reject("data_base64", "not supported, send the touchpoint as JSON in data");
            return Unread(attributes, reasons);
        }

        return root.RequiredObject("data") is { } data
            ? NativeTouchpoint.Read(data, now, attributes)
            : Unread(attributes, reasons);
    }

    /// <param name="headers">The <c>ce-*</c> header values, keyed by attribute name without the prefix, in any case.</param>
    public static TouchpointReading ReadBinary(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> data, Instant? now)
    {
        var reasons = new RejectionReasons();
        FieldText? Header(string name) =>
            headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } header
                ? new FieldText(header.Value, "ce-" + name, HeadersAt, reasons)
                : null;

        if (Header("specversion") is { } version)
        {
            CheckVersion(version);
        }
        else
        {
            reasons.Add(HeadersAt, "ce-specversion", "missing");
        }

        var attributes = new CloudEventAttributes(Header("id"), Header("type"), Header("time"));
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

            return NativeTouchpoint.Read(JsonFields.Of(touchpoint, "data", BodyAt, reasons), now, attributes);
        }
    }

    static void CheckVersion(FieldText version)
    {
        if (version.Value != SupportedVersion)
        {
            version.Reject($"{version.Quoted} is not supported, expected \"{SupportedVersion}\"");
        }
    }

    // Without a touchpoint only the envelope can say which event was refused.
    static TouchpointReading.Rejected Unread(CloudEventAttributes attributes, RejectionReasons reasons)
    {
        var id = attributes.Id?.AsId();
        return new TouchpointReading.Rejected(id, null, reasons.Join());
    }
}
