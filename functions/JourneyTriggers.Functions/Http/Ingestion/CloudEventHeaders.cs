namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>CloudEvents HTTP binding, binary mode: the attributes travel as <c>ce-*</c> headers.</summary>
internal static class CloudEventHeaders
{
    const string Prefix = "ce-";

    /// <summary>
    /// Binary mode, unless the Content-Type says the body is a whole CloudEvent or a batch of them: the HTTP binding
    /// (3) picks the mode by the type first, and lets a structured message carry <c>ce-*</c> headers as well.
    /// </summary>
    public static bool IsBinaryMode(HttpRequest request)
    {
        if (EventContentTypes.IsCloudEvents(request.ContentType)) return false;
        // ce-specversion says so; so do ce-id and ce-type together, which a sender who forgot the version meant as a
        // CloudEvent (its missing version is then named). One stray ce-* header a gateway adds does not.
        var headers = request.Headers;
        return headers.ContainsKey("ce-specversion") || (headers.ContainsKey("ce-id") && headers.ContainsKey("ce-type"));
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
