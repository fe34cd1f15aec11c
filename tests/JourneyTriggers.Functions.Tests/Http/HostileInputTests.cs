using System.Net;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// What an attacker or a broken client may send. Whatever it is, the answer is a 2xx/4xx with a reason,
/// never a 500, and text is stored as text: never run, never interpreted.
/// </summary>
public sealed class HostileInputTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    static string Nested(int depth, char open, string inner, char close) =>
        new StringBuilder().Insert(0, open.ToString(), depth).Append(inner).Append(new string(close, depth)).ToString();

    /// <summary>Too deep for the parser is not JSON we can read: the whole request is refused, saying so.</summary>
    public static TheoryData<string, string> DeepBodies => new()
    {
        { "/api/events", Nested(10_000, '[', "", ']') },
        { "/api/events", "{\"id\":\"deep-1\",\"type\":\"app.opened\",\"customerId\":\"c-deep\",\"properties\":" + Nested(10_000, '{', "", '}').Replace("{", "{\"a\":", StringComparison.Ordinal) },
        { "/v1/track", Nested(10_000, '[', "", ']') },
        { "/v1/batch", "{\"batch\":[{\"context\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) + "}]}" },
    };

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public async Task Ten_thousand_levels_of_nesting_are_refused_without_a_crash(string route, string body)
    {
        var client = route.StartsWith("/v1", StringComparison.Ordinal) ? service.Segment() : service.Ingestion();

        var response = await client.PostAsync(route, Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", (await Json.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task One_event_nested_too_deep_in_an_array_costs_only_itself()
    {
        var deep = "{\"id\":\"deep-2\",\"type\":\"app.opened\",\"customerId\":\"c-deep2\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"properties\":{\"x\":"
            + Nested(200, '[', "", ']') + "}}";

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body($"[{Json.CartAdd("deep-ok", "c-deep2")},{deep}]"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await Json.ReadAsync(response)).GetProperty("results");
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
        Assert.Contains("depth of 64", results[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_five_megabyte_string_is_413_under_the_default_limit()
    {
        var body = Json.CartAdd("huge-1", "c-huge").Replace("Laptop 14", new string('A', 5 * 1024 * 1024), StringComparison.Ordinal);

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_five_megabyte_string_under_a_raised_limit_is_a_rejected_field()
    {
        using var roomy = new ServiceFactory(new Dictionary<string, string?> { ["Ingestion:MaxBodyBytes"] = (8 << 20).ToString() });
        var body = Json.CartAdd("huge-2", "c-huge2").Replace("Laptop 14", new string('A', 5 * 1024 * 1024), StringComparison.Ordinal);

        var response = await roomy.Ingestion().PostAsync("/api/events", Json.Body(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("properties.name: longer than 2000 characters", (await Json.ReadAsync(response)).GetProperty("results")[0].GetProperty("reason").GetString());
        Assert.Null(roomy.Store["c-huge2"]);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_a_rejected_event()
    {
        var bytes = Encoding.UTF8.GetBytes(Json.CartAdd("utf-1", "c-utf")).ToList();
        var at = bytes.IndexOf((byte)'L');
        bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF });

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body([.. bytes]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = (await Json.ReadAsync(response)).GetProperty("results")[0];
        Assert.Equal("rejected", result.GetProperty("status").GetString());
        Assert.Contains("not valid Unicode", result.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_on_the_segment_route_is_no_crash()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"batch":[{"type":"track","userId":"c-utf2","event":"X","messageId":"m"}],"context":{"a":"x"}}""").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'X'), new byte[] { 0xED, 0xA0, 0x80 });

        var response = await service.Segment().PostAsync("/v1/batch", Json.Body([.. bytes]));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        if (response.StatusCode == HttpStatusCode.OK)
            Assert.Equal("rejected", (await Json.ReadAsync(response)).GetProperty("results")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sql_and_html_are_stored_verbatim_and_come_back_as_json_text()
    {
        const string sql = "Robert'); DROP TABLE customers;--";
        const string html = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var body = Json.CartAdd("inj-1", "c-inj").Replace("Laptop 14", sql, StringComparison.Ordinal).Replace("LAP-14", html.Replace("'", "\\u0027", StringComparison.Ordinal), StringComparison.Ordinal);

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body));

        Assert.Equal("accepted", (await Json.ReadAsync(response)).GetProperty("results")[0].GetProperty("status").GetString());
        var line = Assert.Single(service.Store["c-inj"]!.Cart.Lines);
        Assert.Equal(sql, line.Name);
        Assert.Equal(html, line.Sku);
        var view = await service.Admin().GetAsync("/api/customers/c-inj");
        Assert.Equal("application/json", view.Content.Headers.ContentType?.MediaType);
        var raw = await view.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", raw);
        var cartLine = JsonDocument.Parse(raw).RootElement.GetProperty("cart").GetProperty("lines")[0];
        Assert.Equal(html, cartLine.GetProperty("sku").GetString());
        Assert.Equal(sql, cartLine.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Random_bytes_on_every_ingestion_route_never_answer_500()
    {
        var random = new Random(20261122);
        var routes = new[] { ("/api/events", "application/json"), ("/api/events", "application/x-ndjson"), ("/v1/batch", "text/plain"), ("/v1/track", "application/json") };
        var seeds = new[] { "", "{", "[", "{\"batch\":[", "{\"type\":\"track\",\"userId\":\"c\",\"event\":", "[{\"id\":\"r\",\"type\":\"cart.item_added\",\"properties\":{\"price\":" };
        for (var i = 0; i < 120; i++)
        {
            var (route, type) = routes[i % routes.Length];
            var noise = new byte[random.Next(0, 400)];
            random.NextBytes(noise);
            var body = Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]).Concat(noise).ToArray();
            var client = route.StartsWith("/v1", StringComparison.Ordinal) ? service.Segment() : service.Ingestion();

            var response = await client.PostAsync(route, Json.Body(body, type));

            Assert.True((int)response.StatusCode < 500, $"{route} answered {(int)response.StatusCode} to {Convert.ToHexString(body)}");
        }
    }
}
