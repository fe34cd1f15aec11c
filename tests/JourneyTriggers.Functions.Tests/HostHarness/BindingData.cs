using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// How the host promotes the top-level properties of a JSON payload (a queue message, an HTTP body) into an
/// invocation's <c>Metadata</c>: azure-functions-host src/WebJobs.Script/Utility.cs (<c>ApplyBindingData</c>,
/// <c>ConvertPropertyValue</c>), then <c>GetHttpScriptInvocationContextValue</c> (protocol doc §3.2, §3.3).
/// </summary>
internal static class BindingData
{
    /// <summary>Adds each top-level property of <paramref name="json"/>, when it is a JSON object, to <paramref name="metadata"/>.</summary>
    public static void PromoteInto(JsonObject metadata, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Keys ending in "trigger" never reach the handler (ScriptInvocationContextExtensions.ToHttpScriptInvocationContext).
                if (property.Name.EndsWith("trigger", StringComparison.OrdinalIgnoreCase)) continue;
                if (Promoted(property.Value) is { } promoted) metadata[property.Name] = promoted;
            }
        }
    }

    /// <summary>Objects stay objects; arrays and nulls are skipped; the rest is <c>(string)token</c>, quoted again.</summary>
    static JsonNode? Promoted(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonNode.Parse(value.GetRawText()),
        JsonValueKind.Array or JsonValueKind.Null => null,
        // Newtonsoft reads an ISO date string as a DateTime, and (string) formats it in the invariant culture.
        JsonValueKind.String when value.TryGetDateTimeOffset(out var date) =>
            HostInvoker.Wrapped(date.UtcDateTime.ToString(CultureInfo.InvariantCulture)),
        JsonValueKind.String => HostInvoker.Wrapped(value.GetString()),
        JsonValueKind.True => HostInvoker.Wrapped("True"),
        JsonValueKind.False => HostInvoker.Wrapped("False"),
        _ => HostInvoker.Wrapped(value.GetRawText()),
    };
}
