using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// The HTTP trigger: a caller's request to <c>/{routePrefix}/{route}</c> reaches the function whose route and methods
/// match. With <c>enableForwardingHttpRequest</c> (and only an httpTrigger and an http output,
/// <c>FunctionMetadataExtensions.IsHttpInAndOutFunction</c>) the host forwards the request as is to the handler at the same
/// path (<c>DefaultHttpWorkerService.ProcessHttpInAndOutInvocationRequest</c>); otherwise it posts the envelope with
/// <c>Data.req</c> (<c>HttpRequestExtensions.GetRequestAsJObject</c>) and answers with <c>Outputs.res</c>
/// (<c>HttpBinding.CreateResult</c>), or an empty 500 when the invocation failed (<c>ExceptionMiddleware</c>). Protocol doc §3.3, §4, §5.3.
/// </summary>
internal sealed class HttpTriggerHost(FunctionApp app, HostInvoker invoker, Func<Uri> handlerAddress)
{
    const string PublicHost = "func-jt-harness.azurewebsites.net";

    readonly HttpClient forwarding = new() { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>A caller's request: method, path (with <c>/api</c>), query, headers and body.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        var query = request.RequestUri.IsAbsoluteUri ? request.RequestUri.Query : request.RequestUri.OriginalString.Contains('?') ? "?" + request.RequestUri.OriginalString.Split('?', 2)[1] : "";
        foreach (var function in app.Functions.Where(f => f.TriggerType == "httpTrigger"))
        {
            if (!Allows(function, request.Method) || Match(function, path) is not { } routeValues) continue;
            if (app.Handler.EnableForwardingHttpRequest)
            {
                using var forwarded = new HttpRequestMessage(request.Method, new Uri(handlerAddress(), path + query)) { Content = request.Content };
                foreach (var header in request.Headers) forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
                return await forwarding.SendAsync(forwarded, cancellationToken);
            }
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var outcome = await invoker.InvokeAsync(function.Name,
                new JsonObject { [function.BindingName] = Req(request, path, query, routeValues, body) },
                Metadata(request, query, routeValues, body), cancellationToken);
            return outcome.Succeeded ? Response(outcome.Answer!) : new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    static bool Allows(FunctionDefinition function, HttpMethod method) =>
        FunctionApp.Member(function.Trigger, "methods") is not { } methods
        || methods.EnumerateArray().Any(m => string.Equals(m.GetString(), method.Method, StringComparison.OrdinalIgnoreCase));

    /// <summary>Route values when <paramref name="path"/> matches <c>/{routePrefix}/{route}</c> segment by segment.</summary>
    Dictionary<string, string>? Match(FunctionDefinition function, string path)
    {
        var template = $"{app.RoutePrefix}/{function.Setting("route") ?? function.Name}".Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (template.Length != segments.Length) return null;
        var values = new Dictionary<string, string>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{') && template[i].EndsWith('}')) values[template[i][1..^1]] = Uri.UnescapeDataString(segments[i]);
            else if (!template[i].Equals(segments[i], StringComparison.OrdinalIgnoreCase)) return null;
        }
        return values;
    }

    static JsonObject Req(HttpRequestMessage request, string path, string query, Dictionary<string, string> routeValues, byte[]? body)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in Headers(request, body)) headers[name] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        var req = new JsonObject
        {
            ["Url"] = $"https://{PublicHost}{path}{query}",
            ["Method"] = request.Method.Method,
            ["Query"] = Query(query),
            ["Headers"] = headers,
            ["Params"] = new JsonObject([.. routeValues.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]),
            ["Identities"] = new JsonArray(new JsonObject
            {
                ["AuthenticationType"] = null, ["IsAuthenticated"] = false, ["Actor"] = null, ["BootstrapContext"] = null,
                ["Claims"] = new JsonArray(), ["Label"] = null, ["Name"] = null,
                ["NameClaimType"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
                ["RoleClaimType"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            }),
        };
        // A body only with a Content-Length above 0; base64 for the binary media types (HttpRequestExtensions).
        if (body is { Length: > 0 })
        {
            var mediaType = request.Content?.Headers.ContentType?.MediaType ?? "";
            req["Body"] = mediaType == "application/octet-stream" || mediaType.StartsWith("multipart/", StringComparison.Ordinal)
                ? Convert.ToBase64String(body)
                : Encoding.UTF8.GetString(body);
        }
        return req;
    }

    /// <summary>The HTTP extension's binding data: body properties, query, route values (quoted), Query and Headers.</summary>
    static JsonObject Metadata(HttpRequestMessage request, string query, Dictionary<string, string> routeValues, byte[]? body)
    {
        var metadata = new JsonObject();
        if (body is { Length: > 0 }) BindingData.PromoteInto(metadata, Encoding.UTF8.GetString(body));
        foreach (var (name, value) in QueryHelpers.ParseQuery(query))
            if (!name.Equals("code", StringComparison.OrdinalIgnoreCase)) metadata[name] = HostInvoker.Wrapped(value.ToString());
        foreach (var (name, value) in routeValues) metadata[name] = HostInvoker.Wrapped(value);
        metadata["Query"] = Query(query);
        metadata["Headers"] = new JsonObject([.. Headers(request, body).Select(h => KeyValuePair.Create(h.Key, (JsonNode?)string.Join(",", h.Value)))]);
        return metadata;
    }

    static JsonObject Query(string query) =>
        new([.. QueryHelpers.ParseQuery(query).Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))]);

    static IEnumerable<KeyValuePair<string, IEnumerable<string>>> Headers(HttpRequestMessage request, byte[]? body)
    {
        foreach (var header in request.Headers) yield return header;
        yield return KeyValuePair.Create("Host", (IEnumerable<string>)[PublicHost]);
        if (request.Content is null) yield break;
        foreach (var header in request.Content.Headers.Where(h => h.Key != "Content-Length")) yield return header;
        yield return KeyValuePair.Create("Content-Length", (IEnumerable<string>)[$"{body?.Length ?? 0}"]);
    }

    /// <summary><c>Outputs.res</c> as <c>RawScriptResult</c> writes it: statusCode (or status), string headers, a string body.</summary>
    static HttpResponseMessage Response(JsonObject answer)
    {
        if (answer["Outputs"]?["res"] is not JsonObject res) return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        JsonNode? Member(string name) => res.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        var status = Member("statusCode") ?? Member("status");
        var code = status is null ? 200 : status.GetValueKind() == JsonValueKind.String ? int.Parse(status.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : status.GetValue<int>();
        var body = Member("body") switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var other => other.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        };
        var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (Member("headers") is JsonObject headers)
            foreach (var (name, value) in headers)
                if (!response.Headers.TryAddWithoutValidation(name, value?.ToString())) response.Content.Headers.TryAddWithoutValidation(name, value?.ToString());
        return response;
    }
}
