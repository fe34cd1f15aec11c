using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// What an attacker or a broken client may send, against the real process: every answer a 2xx/4xx
/// with a reason — never a 500 — the process never dies or restarts, and it is healthy afterwards.
/// </summary>
[Collection(RunningServiceCollection.Name)]
public sealed class HostileInputEndToEndTests(RunningService running)
{
    ServiceProcess Service => running.Service;

    /// <summary>Sends, checks the status is one of <paramref name="allowed"/>, and that the same process still answers healthy.</summary>
    async Task<(HttpStatusCode Status, string Body)> SurviveAsync(HttpRequestMessage request, params HttpStatusCode[] allowed)
    {
        var pid = Service.ProcessId;
        using var response = await Service.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(allowed.Contains(response.StatusCode), $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Cut(body)}\n{Service.RecentOutput(40)}");
        Assert.True(Service.IsRunning, $"the service died\n{Service.RecentOutput()}");
        Assert.Equal(pid, Service.ProcessId);
        Assert.Equal(HttpStatusCode.OK, await Service.HealthAsync());
        return (response.StatusCode, body);
    }

    static string Cut(string text) => text.Length <= 500 ? text : text[..500] + "…";

    [Fact]
    public async Task Ten_thousand_nested_arrays_are_refused_without_a_crash()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        var (_, answer) = await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.JsonContent(body)), HttpStatusCode.BadRequest);

        Assert.Contains("depth", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_five_megabyte_string_property_is_413()
    {
        var body = Events.CartAdd("e2e-huge-1", "c-e2e-huge", DateTimeOffset.UtcNow, name: new string('A', 5 * 1024 * 1024));

        await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.JsonContent(body)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Null(await Service.CustomerAsync("c-e2e-huge"));
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_or_rejected_never_stored()
    {
        var before = Encoding.UTF8.GetBytes(Events.CartAdd("e2e-utf8-1", "c-e2e-utf8", DateTimeOffset.UtcNow, name: "XXXX"));
        var bytes = ReplaceAscii(before, "XXXX", [0xC3, 0x28, 0xFF, 0xFE]);

        var (_, answer) = await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.RawContent(bytes, "application/json")),
            HttpStatusCode.Accepted);

        Assert.Equal(1, JsonDocument.Parse(answer).RootElement.GetProperty("rejected").GetInt32());
        Assert.Null(await Service.CustomerAsync("c-e2e-utf8"));
    }

    [Fact]
    public async Task Raw_and_escaped_NUL_bytes_do_no_harm()
    {
        // A raw NUL inside a JSON string is not JSON.
        var raw = ReplaceAscii(Encoding.UTF8.GetBytes(Events.CartAdd("e2e-nul-1", "c-e2e-nul", DateTimeOffset.UtcNow, name: "XX")), "XX", [0x41, 0x00]);
        var (_, rawAnswer) = await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.RawContent(raw, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Contains("Nothing in the body is JSON", rawAnswer, StringComparison.Ordinal);

        // An escaped one is valid JSON: stored as text if accepted, or rejected with a reason — never a 500.
        var escaped = Events.CartAdd("e2e-nul-2", "c-e2e-nul2", DateTimeOffset.UtcNow, sku: "NUL\u0000SKU", name: "bad\u0000name");
        var (_, answer) = await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.JsonContent(escaped)), HttpStatusCode.Accepted);
        var result = JsonDocument.Parse(answer).RootElement.GetProperty("results")[0];
        if (result.GetProperty("status").GetString() == "accepted")
        {
            var line = (await Service.CustomerAsync("c-e2e-nul2"))!.Value.GetProperty("cart").GetProperty("lines")[0];
            Assert.Equal("NUL\u0000SKU", line.GetProperty("sku").GetString());
            Assert.Equal("bad\u0000name", line.GetProperty("name").GetString());
        }
        else
        {
            Assert.Equal("rejected", result.GetProperty("status").GetString());
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public async Task SQL_in_ids_and_fields_is_stored_verbatim_and_the_database_stays_intact()
    {
        const string bystander = "c-e2e-bystander";
        const string sql = "'; DROP TABLE customers; --";
        const string customer = "c-e2e-sql" + sql;
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(1, (await Service.PostEventsRetryingAsync(Events.CartAdd("e2e-sql-0", bystander, now), TimeSpan.FromSeconds(30))).Accepted);

        var body = Events.Array([
            Events.Identify("e2e-sql-1" + sql, customer, "robert@example.com", now, firstName: "Robert'); DROP TABLE outbox;--"),
            Events.CartAdd("e2e-sql-2" + sql, customer, now, sku: "SKU' OR '1'='1", name: "\" OR 1=1; DELETE FROM timers; --"),
        ]);
        var (_, answer) = await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.JsonContent(body)), HttpStatusCode.Accepted);
        Assert.Equal(2, JsonDocument.Parse(answer).RootElement.GetProperty("accepted").GetInt32());

        var state = (await Service.CustomerAsync(customer))!.Value;
        Assert.Equal(customer, state.GetProperty("customerId").GetString());
        Assert.Equal("Robert'); DROP TABLE outbox;--", state.GetProperty("profile").GetProperty("firstName").GetString());
        var line = state.GetProperty("cart").GetProperty("lines")[0];
        Assert.Equal("SKU' OR '1'='1", line.GetProperty("sku").GetString());
        Assert.Equal("\" OR 1=1; DELETE FROM timers; --", line.GetProperty("name").GetString());
        // The tables are all still there, with everyone else's data.
        Assert.NotNull(await Service.CustomerAsync(bystander));
        await Service.OutboxAsync();
        // A retry of the same events is recognised by their odd ids.
        var again = await Service.PostEventsRetryingAsync(body, TimeSpan.FromSeconds(30));
        Assert.Equal(2, again.Duplicates);
    }

    [Fact]
    public async Task Script_in_a_product_name_is_stored_verbatim_and_rendered_escaped_in_the_email()
    {
        const string customer = "c-e2e-xss";
        const string script = "<script>alert('pwned')</script><img src=x onerror=alert(1)>";
        var now = DateTimeOffset.UtcNow;
        var body = Events.Array([
            Events.Identify("e2e-xss-1", customer, "xss@example.com", now, firstName: "<b>Eve</b>"),
            Events.EmailConsent("e2e-xss-2", customer, now),
            Events.CartAdd("e2e-xss-3", customer, now, sku: "XSS-1", name: script),
        ]);
        Assert.Equal(3, (await Service.PostEventsRetryingAsync(body, TimeSpan.FromSeconds(30))).Accepted);

        var state = (await Service.CustomerAsync(customer))!.Value;
        Assert.Equal(script, state.GetProperty("cart").GetProperty("lines")[0].GetProperty("name").GetString());

        var messages = await ReminderTimingTests.WaitForAsync(Service, customer, 1, now + TimeSpan.FromSeconds(10));
        // Step 2 falls due 6 s after the cart: on a slow machine it may be there too, and is not what this checks.
        var email = Assert.Single(messages, m => m.Step == 1);
        Assert.NotNull(email.Html);
        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Eve", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var body = Events.CartAdd("e2e-ct-1", "c-e2e-ct", DateTimeOffset.UtcNow);

        await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.JsonContent(body, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await SurviveAsync(Service.Ingestion(HttpMethod.Post, "/api/events", ServiceProcess.JsonContent(body, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);

        Assert.Null(await Service.CustomerAsync("c-e2e-ct"));
    }

    [Fact]
    public async Task A_missing_or_unknown_key_is_401_and_an_ingestion_key_on_an_admin_route_403()
    {
        var body = Events.CartAdd("e2e-key-1", "c-e2e-key", DateTimeOffset.UtcNow);

        await SurviveAsync(new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = ServiceProcess.JsonContent(body) }, HttpStatusCode.Unauthorized);
        var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = ServiceProcess.JsonContent(body) };
        unknown.Headers.TryAddWithoutValidation("Authorization", "Bearer jt_ingest_" + new string('x', 43));
        await SurviveAsync(unknown, HttpStatusCode.Unauthorized);
        await SurviveAsync(new HttpRequestMessage(HttpMethod.Get, "/api/outbox"), HttpStatusCode.Unauthorized);
        await SurviveAsync(Service.Ingestion(HttpMethod.Get, "/api/outbox"), HttpStatusCode.Forbidden);

        Assert.Null(await Service.CustomerAsync("c-e2e-key"));
    }

    [Theory]
    [InlineData("/v1/track")]
    [InlineData("/api/events")]
    public async Task A_gzip_bomb_is_413_not_out_of_memory(string route)
    {
        var bomb = Gzip(50 * 1024 * 1024);
        // Small on the wire, under the 1 MiB body limit: only inflating it can go over.
        Assert.True(bomb.Length < 1 << 20, $"the bomb is {bomb.Length} bytes compressed");
        var content = ServiceProcess.RawContent(bomb, "application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var request = route.StartsWith("/v1", StringComparison.Ordinal)
            ? Service.Segment(route, content)
            : Service.Ingestion(HttpMethod.Post, route, content);

        await SurviveAsync(request, HttpStatusCode.RequestEntityTooLarge);
    }

    static byte[] Gzip(int zeros)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var chunk = new byte[1 << 20];
            for (var written = 0; written < zeros; written += chunk.Length) gzip.Write(chunk);
        }
        return compressed.ToArray();
    }

    static byte[] ReplaceAscii(byte[] source, string marker, byte[] replacement)
    {
        var text = Encoding.ASCII.GetString(source);
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0);
        return [.. source[..at], .. replacement, .. source[(at + marker.Length)..]];
    }
}
