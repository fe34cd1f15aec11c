using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// <c>Data.req</c> of an HTTP function (protocol doc §3.3): the caller's request as the host describes it.
/// <see cref="Body"/> is null when the host sent none, which it does for a chunked upload (no Content-Length).
/// <see cref="Path"/> is the path the caller used (<c>/api/dashboard</c>), when the host gave the URL.
/// </summary>
internal sealed record HostHttpRequest(
    string Method, string Scheme, string QueryString, HeaderDictionary Headers, byte[]? Body, IReadOnlyDictionary<string, string> RouteValues,
    string? Path = null)
{
    public static HostHttpRequest Read(JsonElement req)
    {
        var url = HostValues.Text(HostValues.Property(req, "Url")) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        var headers = ReadHeaders(HostValues.Property(req, "Headers"));
        return new HostHttpRequest(
            HostValues.Text(HostValues.Property(req, "Method"))?.ToUpperInvariant() ?? HttpMethods.Get,
            url?.Scheme ?? "https",
            // The URL's own query keeps repeated names and their encoding; Query (values comma-joined) is the fallback.
            url is not null ? url.Query : Query(HostValues.Property(req, "Query")),
            headers,
            ReadBody(HostValues.Property(req, "Body"), ((IHeaderDictionary)headers).ContentType),
            Strings(HostValues.Property(req, "Params")),
            url?.AbsolutePath);
    }

    /// <summary>Names → arrays of values (a single string accepted too).</summary>
    static HeaderDictionary ReadHeaders(JsonElement? value)
    {
        var headers = new HeaderDictionary();
        if (value is not { } element || HostValues.Unwrap(element) is not { ValueKind: JsonValueKind.Object } names) return headers;
        foreach (var header in names.EnumerateObject())
        {
            var values = header.Value.ValueKind == JsonValueKind.Array
                ? header.Value.EnumerateArray().Select(v => HostValues.Text(v)).OfType<string>().ToArray()
                : HostValues.Text(header.Value) is { } single ? [single] : [];
            headers.Append(header.Name, new StringValues(values));
        }
        return headers;
    }

    /// <summary>
    /// A compressed body (<c>Content-Encoding: gzip</c>, say) the host handed on as text: it decodes every body but its
    /// binary types as UTF-8 (protocol doc §3.3), which breaks compressed bytes beyond repair.
    /// </summary>
    public bool CompressedBodyLost =>
        Body is not null && !IsBinary(((IHeaderDictionary)Headers).ContentType)
        && ((IHeaderDictionary)Headers).ContentEncoding.Any(coding => !string.IsNullOrWhiteSpace(coding) && !coding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body is a string, base64 for octet-stream and multipart content (the host's binary types).</summary>
    static byte[]? ReadBody(JsonElement? value, StringValues contentType)
    {
        if (value is not { ValueKind: JsonValueKind.String } body) return null;
        var text = body.GetString()!;
        if (IsBinary(contentType))
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                // Not base64 after all: take the text as it came rather than lose it.
            }
        }
        return Encoding.UTF8.GetBytes(text);
    }

    static bool IsBinary(StringValues contentType) =>
        MediaTypeHeaderValue.TryParse(contentType.ToString(), out var type)
        && (type.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));

    static string Query(JsonElement? value) =>
        QueryStringOf(Strings(value));

    static string QueryStringOf(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? "" : Microsoft.AspNetCore.Http.QueryString.Create(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).ToUriComponent();

    /// <summary>An object of scalar values (the Learn article shows <c>"{}"</c> as a string: accepted too).</summary>
    static Dictionary<string, string> Strings(JsonElement? value)
    {
        var strings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (value is { } element && HostValues.Unwrap(element) is { ValueKind: JsonValueKind.Object } names)
            foreach (var property in names.EnumerateObject())
                if (HostValues.Text(property.Value) is { } text) strings[property.Name] = text;
        return strings;
    }
}
