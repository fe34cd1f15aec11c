using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// One invocation as the host's HTTP worker channel sends it (azure-functions-host
/// <c>DefaultHttpWorkerService.ProcessDefaultInvocationRequest</c>, <c>AddHeaders</c>, <c>BuildAndGetUri</c>):
/// <c>POST /{FunctionName}</c>, the envelope as JSON, the invocation id and host version headers. It succeeded only
/// when the answer is 2xx with a JSON object (<c>EnsureSuccessStatusCode</c>, then <c>ReadAsAsync</c>; an empty
/// body would leave the host waiting: protocol doc §4, reported here as a failure).
/// </summary>
internal sealed class HostInvoker(Func<Uri> baseAddress)
{
    public const string HostVersion = "4.1037.0.0";

    readonly HttpClient client = new() { Timeout = TimeSpan.FromMinutes(2) };
    int invocations;

    /// <summary>How many invocations were posted, whatever their outcome.</summary>
    public int Count => Volatile.Read(ref invocations);

    public async Task<InvocationOutcome> InvokeAsync(string function, JsonObject data, JsonObject metadata, CancellationToken cancellationToken = default)
    {
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = function,
            ["UtcNow"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        var envelope = new JsonObject { ["Data"] = data, ["Metadata"] = metadata };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress(), function))
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/" + HostVersion);
        Interlocked.Increment(ref invocations);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) return new InvocationOutcome(false, $"{(int)response.StatusCode}: {body}", null);
            if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or "text/json"))
                return new InvocationOutcome(false, $"Invalid HttpResponseMessage: content type {response.Content.Headers.ContentType}", null);
            var answer = JsonNode.Parse(body) as JsonObject;
            return answer is null
                ? new InvocationOutcome(false, "the answer is not a JSON object; the host would wait until functionTimeout", null)
                : new InvocationOutcome(true, body, answer);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A handler that died or hung: the host fails the invocation the same way.
            return new InvocationOutcome(false, e.GetType().Name + ": " + e.Message, null);
        }
    }

    /// <summary>
    /// A value as <c>ScriptInvocationContextExtensions.GetHttpScriptInvocationContextValue</c> wraps it: strings,
    /// numbers and arrays become a string of their JSON (protocol doc §2).
    /// </summary>
    public static JsonNode Wrapped<T>(T value) => JsonValue.Create(JsonSerializer.Serialize(value, Newtonsoftish))!;

    /// <summary>A JSON node as a string of its JSON, as the host sends arrays.</summary>
    public static JsonNode Wrapped(JsonNode node) => JsonValue.Create(node.ToJsonString(Newtonsoftish))!;

    /// <summary>Newtonsoft escapes only what JSON requires: no \u002B for '+', non-ASCII text as is.</summary>
    static readonly JsonSerializerOptions Newtonsoftish = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Whether the host would count the invocation as succeeded, what it got, and the parsed answer when it did.</summary>
internal sealed record InvocationOutcome(bool Succeeded, string Detail, JsonObject? Answer);
