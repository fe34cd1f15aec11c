using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Functions.Tests.Http.Fakes;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>
/// The HTTP functions run the standalone routes: for the same caller's request, <c>Outputs.res</c> carries
/// the status, headers and body the standalone service answers, inside a 200 invocation answer.
/// </summary>
public sealed class HttpFunctionsTests : IDisposable
{
    readonly CustomHandlerFactory handler = new();
    readonly ServiceFactory standalone = new(CustomHandlerFactory.Keys);

    public void Dispose()
    {
        handler.Dispose();
        standalone.Dispose();
    }

    /// <summary>The caller's request as the standalone service receives it, and as the host describes it in Data.req.</summary>
    sealed record CallerRequest(string Function, HttpMethod Method, string HostPath, string StandalonePath, string? Body,
        Dictionary<string, string> Headers, Dictionary<string, string>? RouteValues = null)
    {
        public string Envelope()
        {
            var envelope = Envelopes.Node("events.http-post.request.json");
            var req = envelope["Data"]!["req"]!.AsObject();
            req["Url"] = "https://func-jt-abc123.azurewebsites.net" + HostPath;
            req["Method"] = Method.Method;
            var headers = new JsonObject();
            foreach (var (name, value) in Headers) headers[name] = new JsonArray(value);
            if (Body is not null) headers["Content-Length"] = new JsonArray(Encoding.UTF8.GetByteCount(Body).ToString(System.Globalization.CultureInfo.InvariantCulture));
            req["Headers"] = headers;
            req["Params"] = JsonSerializer.SerializeToNode(RouteValues ?? []);
            if (Body is null) req.Remove("Body");
            else req["Body"] = Body;
            envelope["Metadata"]!["sys"]!["MethodName"] = Function;
            return envelope.ToJsonString();
        }
    }

    static Dictionary<string, string> Json(string? authorization) => authorization is null
        ? new() { ["Content-Type"] = "application/json" }
        : new() { ["Content-Type"] = "application/json", ["Authorization"] = authorization };

    static readonly string EventBody = (string)Envelopes.Node("events.http-post.request.json")["Data"]!["req"]!["Body"]!;

    async Task<(int Status, Dictionary<string, string> Headers, string Body)> ThroughHandlerAsync(CallerRequest caller)
    {
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync(caller.Function, caller.Envelope()));
        var res = answer.GetProperty("Outputs").GetProperty("res");
        var headers = res.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        return (res.GetProperty("statusCode").GetInt32(), headers, res.GetProperty("body").GetString()!);
    }

    async Task<(int Status, Dictionary<string, string> Headers, string Body)> StandaloneAsync(CallerRequest caller)
    {
        using var request = new HttpRequestMessage(caller.Method, caller.StandalonePath);
        if (caller.Body is not null) request.Content = new StringContent(caller.Body, Encoding.UTF8);
        foreach (var (name, value) in caller.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        if (caller.Body is not null && caller.Headers.TryGetValue("Content-Type", out var type)) request.Content!.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
        var response = await standalone.CreateClient().SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return ((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Problem details carry a per-request trace id; everything else must match.</summary>
    static string Comparable(string body)
    {
        if (!body.StartsWith('{')) return body;
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    async Task AssertSameAsStandaloneAsync(CallerRequest caller, int expectedStatus)
    {
        var viaHost = await ThroughHandlerAsync(caller);
        var direct = await StandaloneAsync(caller);

        Assert.Equal(expectedStatus, viaHost.Status);
        Assert.Equal(direct.Status, viaHost.Status);
        Assert.Equal(Comparable(direct.Body), Comparable(viaHost.Body));
        Assert.Equal(direct.Headers["Content-Type"], viaHost.Headers["Content-Type"]);
        if (direct.Headers.TryGetValue("WWW-Authenticate", out var challenge)) Assert.Equal(challenge, viaHost.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task The_events_fixture_answers_202_with_the_per_event_results_of_the_standalone_route()
    {
        var envelope = Envelopes.Text("events.http-post.request.json");
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Events", envelope));
        var res = answer.GetProperty("Outputs").GetProperty("res");

        Assert.Equal(202, res.GetProperty("statusCode").GetInt32());
        Assert.All(res.GetProperty("headers").EnumerateObject(), h => Assert.Equal(JsonValueKind.String, h.Value.ValueKind));
        using var body = JsonDocument.Parse(res.GetProperty("body").GetString()!);
        Assert.Equal(1, body.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal("evt-0001", body.RootElement.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Null(handler.Store["c-42"]);
        await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());
        Assert.NotNull(handler.Store["c-42"]);

        var direct = await StandaloneAsync(new("Events", HttpMethod.Post, "/api/events", "/api/events", EventBody, Json($"Bearer {CustomHandlerFactory.FixtureKey}")));
        Assert.Equal(direct.Body, res.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-key")]
    public async Task Events_without_a_valid_key_answer_the_standalone_401_with_its_challenge(string? authorization) =>
        await AssertSameAsStandaloneAsync(new("Events", HttpMethod.Post, "/api/events", "/api/events", EventBody, Json(authorization)), 401);

    [Fact]
    public async Task The_segment_fixture_runs_the_v1_batch_route()
    {
        var envelope = Envelopes.Text("segment.http-post-v1-batch.request.json");
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Segment", envelope));
        var res = answer.GetProperty("Outputs").GetProperty("res");
        var req = Envelopes.Node("segment.http-post-v1-batch.request.json")["Data"]!["req"]!;
        var direct = await StandaloneAsync(new("Segment", HttpMethod.Post, "/api/v1/batch", "/v1/batch", (string)req["Body"]!,
            Json((string)req["Headers"]!["Authorization"]![0]!)));

        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.Equal(direct.Body, res.GetProperty("body").GetString());
        await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());
        Assert.NotNull(handler.Store["c-42"]);
    }

    [Fact]
    public async Task An_unknown_segment_call_is_the_standalone_404() =>
        await AssertSameAsStandaloneAsync(new("Segment", HttpMethod.Post, "/api/v1/nope", "/v1/nope", "{}",
            Json("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(CustomHandlerFactory.FixtureKey + ":"))), new() { ["call"] = "nope" }), 404);

    [Theory]
    [InlineData("Bearer " + CustomHandlerFactory.FixtureKey, 403)]
    [InlineData("Bearer " + ServiceFactory.AdminKey, 404)]
    public async Task Customers_maps_ops_customers_onto_the_admin_route(string authorization, int status) =>
        await AssertSameAsStandaloneAsync(new("Customers", HttpMethod.Get, "/api/ops/customers/c-unknown", "/api/customers/c-unknown", null,
            Json(authorization), new() { ["customerId"] = "c-unknown" }), status);

    [Fact]
    public async Task Customers_reads_a_document_with_the_admin_key()
    {
        await handler.InvokeAsync("Events", Envelopes.Text("events.http-post.request.json"));
        await handler.DeliverHubAsync();

        var (status, _, body) = await ThroughHandlerAsync(new("Customers", HttpMethod.Get, "/api/ops/customers/c-42", "/api/customers/c-42", null,
            Json("Bearer " + ServiceFactory.AdminKey), new() { ["customerId"] = "c-42" }));

        Assert.Equal(200, status);
        Assert.Contains("\"c-42\"", body);
        Assert.Contains("cart", body);
    }

    [Theory]
    [InlineData("gid%3A%2F%2Fshopify%2FCustomer%2F7", "gid:%2F%2Fshopify%2FCustomer%2F7", "gid://shopify/Customer/7", 200)]
    [InlineData("gid%253A%252F%252Fshopify%252FCustomer%252F7", "gid%3A%2F%2Fshopify%2FCustomer%2F7", "gid://shopify/Customer/7", 404)]
    [InlineData("somchai%40example.com", "somchai@example.com", "somchai@example.com", 200)]
    [InlineData("%E0%B8%AA%E0%B8%A1", "\u0e2a\u0e21", "\u0e2a\u0e21", 200)]
    public async Task Customers_reads_the_id_the_caller_escaped(string escaped, string routeValue, string stored, int status)
    {
        // The host decodes route values as ASP.NET Core does, all but %2F: only the caller's path tells the first two apart.
        var body = $$$"""{"id":"id-{{{escaped.Length}}}","type":"cart.item_added","customerId":"{{{stored}}}","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"LAP-14"}}""";
        var (ingested, _, why) = await ThroughHandlerAsync(new("Events", HttpMethod.Post, "/api/events", "/api/events", body, Json("Bearer " + CustomHandlerFactory.FixtureKey)));
        Assert.True(ingested == 202, why);
        await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());

        var (answered, _, answer) = await ThroughHandlerAsync(new("Customers", HttpMethod.Get, "/api/ops/customers/" + escaped, "", null,
            Json("Bearer " + ServiceFactory.AdminKey), new() { ["customerId"] = routeValue }));

        Assert.Equal(status, answered);
        if (status == 200) Assert.Contains("LAP-14", answer);
    }

    [Fact]
    public async Task Unsubscribe_with_a_bad_token_is_the_standalone_page() =>
        await AssertSameAsStandaloneAsync(new("Unsubscribe", HttpMethod.Get, "/api/unsubscribe?token=forged", "/unsubscribe?token=forged", null, []), 400);

    [Fact]
    public async Task A_one_click_unsubscribe_answers_200_with_a_json_object_rather_than_nothing()
    {
        await handler.InvokeAsync("Events", Envelopes.Text("events.http-post.request.json"));
        await handler.DeliverHubAsync();
        var token = new SignedUnsubscribeTokens(TimeProvider.System).Issue(ProfileKey.ForCustomer("c-42"), "m-1");

        var (status, headers, body) = await ThroughHandlerAsync(new("Unsubscribe", HttpMethod.Post, "/api/unsubscribe?token=" + token, "", "List-Unsubscribe=One-Click",
            new() { ["Content-Type"] = "application/x-www-form-urlencoded" }));

        Assert.Equal(200, status);
        Assert.Equal("{}", body);
        Assert.StartsWith("application/json", headers["Content-Type"]);
    }

    [Fact]
    public async Task Health_is_the_standalone_health() =>
        await AssertSameAsStandaloneAsync(new("Health", HttpMethod.Get, "/api/health", "/api/health", null, []), 200);

    [Theory]
    [InlineData("?from=2026-11-22&to=2026-11-23", 200)]
    [InlineData("?from=2026-11-23&to=2026-11-22", 400)]
    public async Task Metrics_answers_the_standalone_report_or_its_400(string query, int status) =>
        await AssertSameAsStandaloneAsync(new("Metrics", HttpMethod.Get, "/api/ops/metrics" + query, "/api/metrics" + query, null, Json("Bearer " + ServiceFactory.AdminKey)), status);

    [Fact]
    public async Task Metrics_with_an_ingestion_key_is_the_standalone_403() =>
        await AssertSameAsStandaloneAsync(new("Metrics", HttpMethod.Get, "/api/ops/metrics", "/api/metrics", null, Json($"Bearer {CustomHandlerFactory.FixtureKey}")), 403);

    [Fact]
    public async Task Metrics_counts_what_the_events_function_took()
    {
        await handler.InvokeAsync("Events", Envelopes.Text("events.http-post.request.json"));
        // The collector only publishes to the hub; the Touchpoints function decides, and counts, when the hub delivers.
        await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());

        var (status, _, body) = await ThroughHandlerAsync(new("Metrics", HttpMethod.Get, "/api/ops/metrics?from=2026-11-22&to=2026-11-23", "", null,
            Json("Bearer " + ServiceFactory.AdminKey)));

        Assert.Equal(200, status);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("cartsStarted").GetInt64());
    }

    [Fact]
    public async Task Dashboard_without_a_key_asks_for_it_with_a_form_that_posts_back_through_the_hosts_prefix()
    {
        var (status, headers, body) = await ThroughHandlerAsync(new("Dashboard", HttpMethod.Get, "/api/dashboard?lang=th", "", null, []));

        Assert.Equal(401, status);
        Assert.StartsWith("text/html", headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Contains("<form class=\"signin\" method=\"post\" action=\"/api/dashboard?lang=th\">", body, StringComparison.Ordinal);
        Assert.Contains("แดชบอร์ด", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_sign_in_sets_a_cookie_for_the_hosts_path_and_redirects_there_without_the_key()
    {
        var form = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" };
        var (status, headers, body) = await ThroughHandlerAsync(new("Dashboard", HttpMethod.Post, "/api/dashboard?from=2026-11-22&lang=en", "", "key=" + ServiceFactory.AdminKey, form));

        Assert.Equal(303, status);
        Assert.Equal("/api/dashboard?from=2026-11-22&lang=en", headers["Location"]);
        var cookie = headers["Set-Cookie"];
        Assert.StartsWith("jt_dashboard=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/api/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ServiceFactory.AdminKey, cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(ServiceFactory.AdminKey, body, StringComparison.Ordinal);

        // The cookie opens the page, whose links, form and API link name what the browser reaches through the host.
        var session = new Dictionary<string, string> { ["Cookie"] = cookie.Split(';')[0] };
        await handler.InvokeAsync("Events", Envelopes.Text("events.http-post.request.json"));
        var (shown, _, page) = await ThroughHandlerAsync(new("Dashboard", HttpMethod.Get, "/api/dashboard?from=2026-11-22&to=2026-11-23&lang=en", "", null, session));

        Assert.Equal(200, shown);
        Assert.Contains("<form class=\"range\" method=\"get\" action=\"/api/dashboard\">", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/dashboard?from=2026-11-22&amp;to=2026-11-23&amp;lang=th\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/ops/metrics?from=2026-11-22&amp;to=2026-11-23\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/dashboard", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_the_host_left_out_is_refused_with_411()
    {
        var caller = new CallerRequest("Events", HttpMethod.Post, "/api/events", "/api/events", null, Json($"Bearer {CustomHandlerFactory.FixtureKey}"));
        caller.Headers["Transfer-Encoding"] = "chunked";

        var (status, _, body) = await ThroughHandlerAsync(caller);

        Assert.Equal(411, status);
        Assert.Contains("Content-Length", body);
    }

    [Theory]
    [InlineData("Events", "/api/events")]
    [InlineData("Segment", "/api/v1/batch")]
    public async Task A_compressed_body_the_host_handed_on_as_text_is_refused_with_415_saying_to_send_it_uncompressed(string function, string path)
    {
        var headers = Json($"Bearer {CustomHandlerFactory.FixtureKey}");
        headers["Content-Encoding"] = "gzip";
        // What the host makes of gzip bytes: UTF-8 decoded, the invalid sequences replaced.
        var caller = new CallerRequest(function, HttpMethod.Post, path, path, "\u001f\ufffd\b\u0000\u0000\u0000\u0000\u0000\u0000\u0003\ufffd", headers,
            function == "Segment" ? new Dictionary<string, string> { ["call"] = "batch" } : null);

        var (status, _, body) = await ThroughHandlerAsync(caller);

        Assert.Equal(415, status);
        Assert.Contains("Send the body uncompressed", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_readiness_ping_is_answered()
    {
        var response = await handler.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST", "/Nope")]
    [InlineData("POST", "/api/events")]
    [InlineData("GET", "/Events")]
    public async Task Only_functions_are_served_never_the_standalone_routes_directly(string method, string path)
    {
        var response = await handler.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no such function", await response.Content.ReadAsStringAsync());
    }
}
