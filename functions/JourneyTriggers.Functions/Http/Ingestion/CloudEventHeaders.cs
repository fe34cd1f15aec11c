using Microsoft.Net.Http.Headers;

namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>CloudEvents HTTP binding, binary mode: the attributes travel as <c>ce-*</c> headers.</summary>
internal static class CloudEventHeaders
{
    const string Prefix = "ce-";

    // The attributes every CloudEvent has (core spec 3.1) and the one we read besides: one of them as a header says the
    // sender meant binary mode, so a missing ce-specversion is named rather than the body read as something else.
    static readonly string[] Announcing = ["ce-specversion", "ce-id", "ce-type", "ce-source", "ce-time"];

    /// <summary>
    /// Binary mode, unless the Content-Type says the body is a whole CloudEvent or a batch of them: the HTTP binding
    /// (3) picks the mode by the type first, and lets a structured message carry <c>ce-*</c> headers as well.
    /// </summary>
    public static bool IsBinaryMode(HttpRequest request)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase))
            return false;
        foreach (var name in Announcing)
            if (request.Headers.ContainsKey(name)) return true;
        return false;
    }

    /// <summary>
    /// Attribute name (without the prefix) to value, percent-decoded as the binding requires of a receiver (3.1.3.2);
    /// a repeated header keeps its first value.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Attributes(IHeaderDictionary headers)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
            if (name.Length > Prefix.Length && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                attributes.TryAdd(name[Prefix.Length..], Uri.UnescapeDataString(values.FirstOrDefault() ?? ""));
        return attributes;
    }
}
