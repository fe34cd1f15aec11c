using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyTriggers.Azure.EventHubs;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Functions.Tests.Http;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>
/// The HTTP collector in Azure mode: the same per-event answers as the standalone routes, the good events published
/// to Event Hubs under their customer's partition key, and from the hub, through the host's encoding and the
/// Touchpoints function, the same customer documents the standalone service saves. A 202 only after the hub took them.
/// </summary>
public sealed class EventHubsCollectorTests : IDisposable
{
    readonly CustomHandlerFactory handler = new();
    readonly ServiceFactory standalone = new(CustomHandlerFactory.Keys);

    public void Dispose()
    {
        handler.Dispose();
        standalone.Dispose();
    }

    static readonly string Bearer = "Bearer " + CustomHandlerFactory.FixtureKey;
    static readonly string Basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(CustomHandlerFactory.FixtureKey + ":"));

    /// <summary>Three customers interleaved (one anonymous), a bad event, and a merge; each customer's order matters.</summary>
    const string Mixed = """
        [{"id":"m-1","type":"cart.item_added","customerId":"c-7","timestamp":"2026-11-22T09:00:00Z","properties":{"sku":"A","price":100,"quantity":2}},
         {"id":"m-2","type":"product.viewed","anonymousId":"a-3","timestamp":"2026-11-22T09:01:00Z","properties":{"sku":"B","name":"ชาเขียว"}},
         {"id":"m-3","type":"cart.item_added","customerId":"c-8","timestamp":"2026-11-22T09:02:00Z","properties":{"sku":"C","price":"cheap"}},
         {"id":"m-4","type":"cart.item_removed","customerId":"c-7","timestamp":"2026-11-22T09:03:00Z","properties":{"sku":"A","quantity":1}},
         {"id":"m-5","type":"cart.item_added","anonymousId":"a-3","timestamp":"2026-11-22T09:04:00Z","properties":{"sku":"B","price":50}},
         {"id":"m-6","type":"order.completed","customerId":"c-8","timestamp":"2026-11-22T09:05:00Z","properties":{"orderId":"o-1","revenue":10}},
         {"type":"track","event":"Product Added","userId":"c-7","messageId":"seg-1","timestamp":"2026-11-22T09:06:00Z","properties":{"product_id":"D","price":5}}]
        """;

    static string Envelope(string function, string path, string body, string authorization, Dictionary<string, string>? routeValues = null)
    {
        var envelope = Envelopes.Node("events.http-post.request.json");
        var req = envelope["Data"]!["req"]!.AsObject();
        req["Url"] = "https://func-jt-abc123.azurewebsites.net" + path;
        req["Headers"] = new JsonObject
        {
            ["Content-Type"] = new JsonArray("application/json"),
            ["Authorization"] = new JsonArray(authorization),
            ["Content-Length"] = new JsonArray(Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        req["Params"] = JsonSerializer.SerializeToNode(routeValues ?? []);
        req["Body"] = body;
        envelope["Metadata"]!["sys"]!["MethodName"] = function;
        return envelope.ToJsonString();
    }

    async Task<(int Status, Dictionary<string, string> Headers, string Body)> CollectAsync(string function, string path, string body, string authorization, Dictionary<string, string>? routeValues = null)
    {
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync(function, Envelope(function, path, body, authorization, routeValues)));
        var res = answer.GetProperty("Outputs").GetProperty("res");
        var headers = res.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        return (res.GetProperty("statusCode").GetInt32(), headers, res.GetProperty("body").GetString()!);
    }

    async Task<string> StandaloneAsync(string path, string body, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await (await standalone.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();
    }

    static string Document(CustomerState? state) => state is null ? "none" : Encoding.UTF8.GetString(CustomerDocument.Serialize(state));

    [Fact]
    public async Task Events_answer_as_standalone_reach_the_hub_by_customer_in_order_and_end_in_the_same_documents()
    {
        var (status, _, body) = await CollectAsync("Events", "/api/events", Mixed, Bearer);

        Assert.True(status == 202, body);
        Assert.Equal(await StandaloneAsync("/api/events", Mixed, Bearer), body);
        Assert.Contains("properties.price", body);
        Assert.All(handler.Hub.Batches, b => Assert.All(b.Events, e => Assert.Equal(b.PartitionKey, e.PartitionKey)));
        Assert.Equal(["m-1", "m-4", "seg-1"], IdsUnder("c-7"));
        Assert.Equal(["m-2", "m-5"], IdsUnder("a-3"));
        Assert.Equal(["m-6"], IdsUnder("c-8"));

        var answer = await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());

        Assert.EndsWith("6 received, 6 accepted, 0 duplicates, 0 dead-lettered", Envelopes.Log(answer));
        Assert.Empty(handler.DeadLetters.Letters);
        foreach (var key in new[] { ProfileKey.ForCustomer("c-7"), ProfileKey.ForCustomer("c-8"), ProfileKey.ForAnonymous("a-3") })
            Assert.Equal(Document(standalone.Store[key]), Document(handler.Store[key]));
    }

    List<string> IdsUnder(string partitionKey) =>
        [.. handler.Hub.Events.Where(e => e.PartitionKey == partitionKey).Select(e => JsonDocument.Parse(e.Body).RootElement.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Segment_calls_are_published_in_the_native_form_with_the_ids_answered()
    {
        var call = """{"event":"Product Viewed","anonymousId":"a-77","timestamp":"2026-11-22T09:00:00Z","properties":{"sku":"TEA-01","price":129.5}}""";

        var (status, _, body) = await CollectAsync("Segment", "/api/v1/track", call, Basic, new() { ["call"] = "track" });

        Assert.Equal(200, status);
        Assert.Equal(await StandaloneAsync("/v1/track", call, Basic), body);
        var published = Assert.Single(handler.Hub.Events);
        Assert.Equal("a-77", published.PartitionKey);
        using var native = JsonDocument.Parse(published.Body);
        Assert.Equal("product.viewed", native.RootElement.GetProperty("type").GetString());
        using var answer = JsonDocument.Parse(body);
        Assert.Equal(answer.RootElement.GetProperty("results")[0].GetProperty("id").GetString(), native.RootElement.GetProperty("id").GetString());

        await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());
        Assert.Equal(Document(standalone.Store[ProfileKey.ForAnonymous("a-77")]), Document(handler.Store[ProfileKey.ForAnonymous("a-77")]));
    }

    [Fact]
    public async Task Segment_calls_kept_under_their_own_names_are_marked_native_and_reach_the_documents_not_the_dead_letters()
    {
        // As native JSON these are {"type":"group",…} and {"type":"page",…}: read with format detection, Segment calls without a userId.
        const string batch = """
            {"batch":[{"type":"group","userId":"c-91","groupId":"g-1","messageId":"seg-g","timestamp":"2026-11-22T09:00:00Z","traits":{"plan":"gold"}},
                      {"type":"page","name":"Home","anonymousId":"a-91","messageId":"seg-p","timestamp":"2026-11-22T09:01:00Z"}]}
            """;

        var (status, _, body) = await CollectAsync("Segment", "/api/v1/batch", batch, Basic, new() { ["call"] = "batch" });

        Assert.True(status == 200, body);
        Assert.Equal(2, handler.Hub.Events.Count);
        Assert.All(handler.Hub.Events, e => Assert.Equal(NativeTouchpointProperty.Value, e.UserProperties[NativeTouchpointProperty.Name]));
        var answer = await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());
        Assert.EndsWith("2 received, 2 accepted, 0 duplicates, 0 dead-lettered", Envelopes.Log(answer));
        Assert.Empty(handler.DeadLetters.Letters);
        await StandaloneAsync("/v1/batch", batch, Basic);
        foreach (var key in new[] { ProfileKey.ForCustomer("c-91"), ProfileKey.ForAnonymous("a-91") })
            Assert.Equal(Document(standalone.Store[key]), Document(handler.Store[key]));
    }

    [Fact]
    public async Task A_request_sent_again_after_a_lost_answer_is_deduplicated_by_the_touchpoints_function()
    {
        await CollectAsync("Events", "/api/events", Mixed, Bearer);
        var (status, _, _) = await CollectAsync("Events", "/api/events", Mixed, Bearer);

        Assert.Equal(202, status);
        var answer = await Envelopes.AssertCompletedAsync(await handler.DeliverHubAsync());
        Assert.EndsWith("12 received, 6 accepted, 6 duplicates, 0 dead-lettered", Envelopes.Log(answer));
    }

    [Fact]
    public async Task Event_hubs_down_is_a_503_with_its_retry_after_and_never_a_202()
    {
        handler.Hub.Plan(Enumerable.Repeat(new PlannedAnswer(503, RetryAfter: "2"), 12).ToArray()); // four tries for each of the three customers

        var (status, headers, body) = await CollectAsync("Events", "/api/events", Mixed, Bearer);

        Assert.Equal(503, status);
        Assert.Equal("2", headers["Retry-After"]);
        Assert.Contains("Event Hubs did not take this request", body);
        Assert.Contains("ServerBusy", body);
        Assert.Empty(handler.Hub.Events);
        Assert.DoesNotContain("c-7", body);
    }

    [Fact]
    public async Task A_segment_batch_the_hub_refuses_is_a_503_naming_the_missing_role()
    {
        handler.Hub.Plan(new PlannedAnswer(403));
        var batch = """{"batch":[{"type":"track","event":"Cart Viewed","userId":"c-1","timestamp":"2026-11-22T09:00:00Z"}]}""";

        var (status, headers, body) = await CollectAsync("Segment", "/api/v1/batch", batch, Basic, new() { ["call"] = "batch" });

        Assert.Equal(503, status);
        Assert.Equal("5", headers["Retry-After"]);
        Assert.Contains("Data Sender", body);
    }

    [Fact]
    public async Task A_request_with_only_bad_events_answers_without_calling_the_hub()
    {
        var (status, _, body) = await CollectAsync("Events", "/api/events", """{"id":"x","type":"cart.viewed"}""", Bearer);

        Assert.Equal(202, status);
        Assert.Contains("\"rejected\":1", body);
        Assert.Equal(0, handler.Hub.Attempts);
    }
}
