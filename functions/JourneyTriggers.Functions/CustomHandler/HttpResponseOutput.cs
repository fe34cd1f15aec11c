using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// <c>Outputs.res</c> (protocol doc §4): <c>statusCode</c> a number, <c>headers</c> strings only (the host writes
/// anything else as its JSON text), <c>body</c> a string. An empty body becomes <c>{}</c> as JSON, so the
/// caller never gets a 200 with nothing in it and a text/plain type.
/// </summary>
internal static class HttpResponseOutput
{
    /// <summary>Framing the host sets itself from the body it writes.</summary>
    static readonly string[] Framing = [HeaderNames.ContentLength, HeaderNames.TransferEncoding];

    public static void Write(Utf8JsonWriter json, CapturedResponse response)
    {
        var empty = response.Body.Length == 0;
        json.WriteStartObject("res");
        json.WriteNumber("statusCode", response.StatusCode);
        json.WriteStartObject("headers");
        foreach (var (name, values) in response.Headers)
        {
            if (Framing.Contains(name, StringComparer.OrdinalIgnoreCase) || (empty && name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))) continue;
            json.WriteString(name, values.ToString());
        }
        if (empty) json.WriteString(HeaderNames.ContentType, InvocationAnswer.ContentType);
        json.WriteEndObject();
        json.WriteString("body", empty ? "{}" : Encoding.UTF8.GetString(response.Body));
        json.WriteEndObject();
    }
}
