namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>CloudEvents HTTP binding, binary mode: the attributes travel as <c>ce-*</c> headers.</summary>
internal static class CloudEventHeaders
{
    const string Prefix = "ce-";

    public static bool IsBinaryMode(IHeaderDictionary headers) => headers.ContainsKey("ce-specversion");

    /// <summary>Attribute name (without the prefix) to value; a repeated header keeps its first value.</summary>
    public static IReadOnlyDictionary<string, string> Attributes(IHeaderDictionary headers)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
            if (name.Length > Prefix.Length && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                attributes.TryAdd(name[Prefix.Length..], values.FirstOrDefault() ?? "");
        return attributes;
    }
}
