using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary><c>POST /api/events</c>: every format in, one result per event out, and each way a request is refused whole.</summary>
public sealed class EventsApiTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    static string[] Statuses(JsonElement body) => [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];

    [Fact]
    public async Task A_mixed_batch_answers_202_and_keeps_the_good_events()
    {
        var body = $"[{Json.CartAdd("mix-1", "c-mix")}, {Json.CartAdd("mix-2", "c-mix", price: "abc")}, {Json.CartAdd("mix-3", "c-mix2")}]";

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await Json.ReadAsync(response);
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        Assert.Equal(0, report.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        Assert.Equal(["accepted", "rejected", "accepted"], Statuses(report));
        var rejected = report.GetProperty("results")[1];
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal("mix-2", rejected.GetProperty("id").GetString());
        Assert.Equal("properties.price: expected a number, got \"abc\"", rejected.GetProperty("reason").GetString());
        Assert.False(report.GetProperty("results")[0].TryGetProperty("reason", out _));
        Assert.Equal("LAP-14", Assert.Single(service.Store["c-mix"]!.Cart.Lines).Sku);
        Assert.NotNull(service.Store["c-mix2"]);
    }

    [Fact]
    public async Task A_single_touchpoint_is_one_result()
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(Json.CartAdd("one-1", "c-one")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["accepted"], Statuses(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task A_repeated_id_is_a_duplicate()
    {
        var client = service.Ingestion();
        await client.PostAsync("/api/events", Json.Body(Json.CartAdd("dup-1", "c-dup")));

        var again = await Json.ReadAsync(await client.PostAsync("/api/events", Json.Body(Json.CartAdd("dup-1", "c-dup"))));

        Assert.Equal(["duplicate"], Statuses(again));
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, Assert.Single(service.Store["c-dup"]!.Cart.Lines).Quantity);
    }

    [Fact]
    public async Task Ndjson_takes_every_good_line_and_names_the_bad_one()
    {
        var body = $"{Json.CartAdd("nd-1", "c-nd")}\n{{not json\n\n{Json.CartAdd("nd-2", "c-nd")}\n";

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body, "application/x-ndjson"));

        var report = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["accepted", "rejected", "accepted"], Statuses(report));
        Assert.StartsWith("line 2: invalid JSON", report.GetProperty("results")[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Segment_and_native_and_cloudevents_mix_in_one_array()
    {
        var segment = """{"type":"track","event":"Product Added","userId":"c-fmt","messageId":"fmt-seg","timestamp":"2026-11-22T11:00:00Z","properties":{"sku":"CAM-1","price":100,"currency":"THB"}}""";
        var cloudEvent = """{"specversion":"1.0","id":"fmt-ce","type":"cart.item_added","source":"/web","data":""" + Json.CartAdd("fmt-ce", "c-fmt") + "}";

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body($"[{segment},{cloudEvent}]"));

        Assert.Equal(["accepted", "accepted"], Statuses(await Json.ReadAsync(response)));
        Assert.Equal(["CAM-1", "LAP-14"], service.Store["c-fmt"]!.Cart.Lines.Select(l => l.Sku));
    }

    [Theory]
    [InlineData("application/cloudevents+json", false)]
    [InlineData("application/cloudevents-batch+json", true)]
    public async Task CloudEvents_structured_mode(string contentType, bool batch)
    {
        var id = "ce-" + contentType.Length;
        var cloudEvent = $$$"""{"specversion":"1.0","id":"{{{id}}}","type":"cart.item_added","source":"/web","time":"2026-11-22T11:00:00Z","data":{"customerId":"c-{{{id}}}","properties":{"sku":"LAP-14","price":32900} } }""";

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(batch ? $"[{cloudEvent}]" : cloudEvent, contentType));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = (await Json.ReadAsync(response)).GetProperty("results")[0];
        Assert.Equal("accepted", result.GetProperty("status").GetString());
        Assert.Equal(id, result.GetProperty("id").GetString());
    }

    [Fact]
    public async Task CloudEvents_binary_mode_reads_the_ce_headers_and_the_touchpoint_body()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = Json.Body("""{"customerId":"c-bin","properties":{"sku":"LAP-14","price":32900}}"""),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "bin-1");
        request.Headers.Add("ce-type", "cart.item_added");
        request.Headers.Add("ce-source", "/pos/store-7");
        request.Headers.Add("ce-time", "2026-11-22T11:00:00Z");

        var response = await service.Ingestion().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = (await Json.ReadAsync(response)).GetProperty("results")[0];
        Assert.Equal("accepted", result.GetProperty("status").GetString());
        Assert.Equal("bin-1", result.GetProperty("id").GetString());
        Assert.Single(service.Store["c-bin"]!.Cart.Lines);
    }

    [Fact]
    public async Task CloudEvents_binary_mode_with_a_bad_header_is_a_rejected_event()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json.Body("""{"customerId":"c-bin2"}""") };
        request.Headers.Add("ce-specversion", "0.3");
        request.Headers.Add("ce-id", "bin-2");
        request.Headers.Add("ce-type", "app.opened");

        var result = (await Json.ReadAsync(await service.Ingestion().SendAsync(request))).GetProperty("results")[0];

        Assert.Equal("rejected", result.GetProperty("status").GetString());
        Assert.Contains("ce-specversion", result.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("application/cloudevents-batch+json")]
    [InlineData("application/cloudevents+json; charset=utf-8")]
    public async Task A_structured_or_batched_cloud_event_with_ce_headers_as_well_is_read_by_its_content_type(string contentType)
    {
        const string Event = """{"specversion":"1.0","id":"cb-{0}","source":"/web","type":"app.opened","time":"2026-11-22T11:00:00Z","data":{"customerId":"c-cb-{1}"}}""";
        var batch = contentType.Contains("batch", StringComparison.Ordinal);
        var one = Event.Replace("{1}", batch ? "batch" : "one", StringComparison.Ordinal);
        var body = batch ? "[" + one.Replace("{0}", "1", StringComparison.Ordinal) + "," + one.Replace("{0}", "2", StringComparison.Ordinal) + "]" : one.Replace("{0}", "1", StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json.Body(body, contentType) };
        request.Headers.Add("ce-specversion", "1.0");

        var report = await Json.ReadAsync(await service.Ingestion().SendAsync(request));

        Assert.All(Statuses(report), status => Assert.Equal("accepted", status));
        Assert.Equal(batch ? 2 : 1, Statuses(report).Length);
    }

    [Fact]
    public async Task Ce_headers_without_ce_specversion_are_a_binary_mode_event_that_lacks_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json.Body("""{"customerId":"c-nover"}""") };
        request.Headers.Add("ce-id", "nover-1");
        request.Headers.Add("ce-type", "app.opened");
        request.Headers.Add("ce-time", "2026-11-22T11:00:00Z");

        var result = (await Json.ReadAsync(await service.Ingestion().SendAsync(request))).GetProperty("results")[0];

        Assert.Equal("ce-specversion: missing", result.GetProperty("reason").GetString());
        Assert.Equal("nover-1", result.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_empty_cloudevents_batch_is_a_valid_batch_of_nothing()
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body("[]", "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, (await Json.ReadAsync(response)).GetProperty("results").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Ingestion().PostAsync("/api/events", Json.Body("[]"))).StatusCode);
    }

    [Fact]
    public async Task A_stray_ce_header_from_a_gateway_leaves_an_ordinary_body_ordinary()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json.Body($"[{Json.CartAdd("stray-1", "c-stray")}, {Json.CartAdd("stray-2", "c-stray")}]") };
        request.Headers.Add("ce-source", "/gateway");

        var report = await Json.ReadAsync(await service.Ingestion().SendAsync(request));

        Assert.Equal(["accepted", "accepted"], Statuses(report));
    }

    [Fact]
    public async Task Ce_header_values_are_percent_decoded()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json.Body("""{"customerId":"c-pct"}""") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "pct%20%C3%A9");
        request.Headers.Add("ce-type", "app.opened");
        request.Headers.Add("ce-time", "2026-11-22T11:00:00%2B07:00");

        var result = (await Json.ReadAsync(await service.Ingestion().SendAsync(request))).GetProperty("results")[0];

        Assert.Equal("accepted", result.GetProperty("status").GetString());
        Assert.Equal("pct é", result.GetProperty("id").GetString());
    }

    [Fact]
    public async Task CloudEvents_binary_mode_with_a_body_that_is_not_json_is_a_bad_request_like_any_other()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json.Body("""{"customerId": c-bin3}""") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "bin-3");
        request.Headers.Add("ce-type", "app.opened");

        var response = await service.Ingestion().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data: invalid JSON: 'c' is an invalid start of a value", (await Json.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(service.Store["c-bin3"]);
    }

    [Fact]
    public async Task A_timestamp_more_than_a_day_ahead_of_the_host_clock_is_rejected_per_event()
    {
        var body = $"[{Json.CartAdd("fut-1", "c-fut", timestamp: "2026-11-23T13:00:00Z")}, {Json.CartAdd("fut-2", "c-fut", timestamp: "2026-11-23T11:00:00Z")}]";

        var report = await Json.ReadAsync(await service.Ingestion().PostAsync("/api/events", Json.Body(body)));

        Assert.Equal(["rejected", "accepted"], Statuses(report));
        Assert.Equal("timestamp: 2026-11-23T13:00:00Z is more than 24 h in the future", report.GetProperty("results")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_gzip_body_is_inflated()
    {
        var content = Json.Body(Gzip(Json.CartAdd("gz-1", "c-gz")));
        content.Headers.ContentEncoding.Add("gzip");

        var response = await service.Ingestion().PostAsync("/api/events", content);

        Assert.Equal(["accepted"], Statuses(await Json.ReadAsync(response)));
    }

    [Theory]
    [InlineData("", "The body is empty.")]
    [InlineData("  \r\n ", "The body is empty.")]
    [InlineData("[]", "The body is an empty JSON array: it holds no events.")]
    [InlineData("[ \n ]", "The body is an empty JSON array: it holds no events.")]
    public async Task A_body_with_no_events_is_400(string body, string detail)
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(detail, (await Json.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": \"cart.item_added\", ", "line 1: invalid JSON: ")]
    [InlineData("[{\"type\": \"cart.item_added\"}, {oops", "line 1: invalid JSON: ")]
    [InlineData("hello\n<xml/>\n{not json", "line 2: invalid JSON: '<' is an invalid start of a value")]
    public async Task A_body_of_which_nothing_is_JSON_is_400_with_the_parser_s_reasons(string body, string reason)
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.StartsWith("Nothing in the body is JSON (", detail, StringComparison.Ordinal);
        Assert.Contains(reason, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_lines_of_no_JSON_quote_three_reasons_and_count_the_rest()
    {
        var body = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"not json {i}"));

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(body, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("line 3: invalid JSON", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("line 4:", detail, StringComparison.Ordinal);
        Assert.Contains("and 7 more lines like them", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_whose_JSON_holds_no_object_is_read_and_each_value_refused_with_202()
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body("[1, \"two\"]"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["rejected", "rejected"], Statuses(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task A_gzip_body_cut_short_is_400_and_none_of_it_is_taken()
    {
        var whole = Gzip($"{Json.CartAdd("gz-cut-1", "c-gz-cut")}\n{Json.CartAdd("gz-cut-2", "c-gz-cut")}");
        var content = Json.Body(whole[..^4]);
        content.Headers.ContentEncoding.Add("gzip");

        var response = await service.Ingestion().PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gzip", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
        Assert.Null(service.Store["c-gz-cut"]);
    }

    [Fact]
    public async Task A_body_claiming_gzip_that_is_not_is_400()
    {
        var content = Json.Body(Json.CartAdd("gz-bad", "c-gz"));
        content.Headers.ContentEncoding.Add("gzip");

        var response = await service.Ingestion().PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gzip", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_content_type_we_do_not_read_is_415_listing_the_ones_we_do(string? contentType)
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(Json.CartAdd("ct-1", "c-ct"), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("application/json", detail);
        Assert.Contains("application/x-ndjson", detail);
        Assert.Contains("application/cloudevents+json", detail);
        Assert.Null(service.Store["c-ct"]);
    }

    [Fact]
    public async Task Json_in_another_charset_is_415()
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(Json.CartAdd("cs-1", "c-cs"), "application/json; charset=iso-8859-1"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("UTF-8", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json; charset=utf8")]
    public async Task A_quoted_or_unhyphenated_utf8_charset_is_utf8(string contentType)
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(Json.CartAdd("cs-q", "c-cs-q"), contentType));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_content_encoding_other_than_gzip_is_415()
    {
        var content = Json.Body(Json.CartAdd("br-1", "c-br"));
        content.Headers.ContentEncoding.Add("br");

        var response = await service.Ingestion().PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("gzip", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_over_the_default_limit_is_413_naming_the_limit()
    {
        var huge = Json.CartAdd("big-1", "c-big").Replace("Laptop 14", new string('x', 1_100_000), StringComparison.Ordinal);

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("1 MiB (1048576 bytes)", detail);
        Assert.Contains("Ingestion:MaxBodyBytes", detail);
    }

    [Fact]
    public async Task The_body_limit_is_configurable_and_counts_inflated_bytes()
    {
        using var small = new ServiceFactory(new Dictionary<string, string?> { ["Ingestion:MaxBodyBytes"] = "2000" });
        var body = "[" + string.Join(",", Enumerable.Range(0, 20).Select(i => Json.CartAdd($"lim-{i}", "c-lim"))) + "]";
        var content = Json.Body(Gzip(body));
        content.Headers.ContentEncoding.Add("gzip");
        Assert.True(content.Headers.ContentLength is null or < 2000);

        var response = await small.Ingestion().PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("2000 bytes", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task More_events_than_a_request_may_carry_is_413_and_takes_none()
    {
        using var small = new ServiceFactory(new Dictionary<string, string?> { ["Ingestion:MaxEventsPerRequest"] = "3" });
        var body = string.Join("\n", Enumerable.Range(0, 4).Select(i => Json.CartAdd($"many-{i}", "c-many")));

        var response = await small.Ingestion().PostAsync("/api/events", Json.Body(body, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("4 events", detail);
        Assert.Contains("at most 3", detail);
        Assert.Null(small.Store["c-many"]);
    }

    [Fact]
    public async Task No_key_is_401_with_a_bearer_challenge()
    {
        var response = await service.CreateClient().PostAsync("/api/events", Json.Body(Json.CartAdd("nokey-1", "c-nokey")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
        Assert.Null(service.Store["c-nokey"]);
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer")]
    [InlineData("Token " + ServiceFactory.IngestionKey)]
    [InlineData("Basic !!!")]
    public async Task A_wrong_key_is_401(string authorization)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.PostAsync("/api/events", Json.Body(Json.CartAdd("badkey-1", "c-badkey")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task The_admin_key_may_send_events_too()
    {
        var response = await service.Admin().PostAsync("/api/events", Json.Body(Json.CartAdd("adm-1", "c-adm")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    internal static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }
}
