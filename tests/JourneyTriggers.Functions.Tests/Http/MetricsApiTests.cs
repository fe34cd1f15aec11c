using System.Net;
using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary><c>GET /api/metrics</c>: the report of what the service decided, from the tallies saved with each decision.</summary>
public sealed class MetricsApiTests : IDisposable
{
    readonly ServiceFactory service = new();

    public void Dispose() => service.Dispose();

    async Task SendAsync(params string[] events)
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body($"[{string.Join(",", events)}]"));
        Assert.Equal(0, (await Json.ReadAsync(response)).GetProperty("rejected").GetInt32());
    }

    /// <summary>A treated customer's cart comes due, gets the push-or-email reminder, then buys within the attribution window.</summary>
    async Task<string> AbandonAndConvertAsync()
    {
        var id = Journeys.TreatedCustomer("c-metrics");
        await SendAsync(Json.Identify("m-1", id), Json.Consent("m-2", id, email: true), Json.CartAdd("m-3", id, price: 32900, timestamp: "2026-11-22T12:00:00Z"));
        await Journeys.FireDueAsync(service, id);
        await SendAsync($$$"""{"id":"m-4","type":"order.completed","customerId":"{{{id}}}","timestamp":"2026-11-22T13:30:00Z","properties":{"orderId":"o-1","revenue":32900,"currency":"THB"} }""");
        return id;
    }

    [Fact]
    public async Task Events_refused_at_the_door_count_as_rejected_as_simulate_counts_its_bad_lines()
    {
        var body = $"[{Json.CartAdd("rj-1", "c-rejects")}, {{\"id\":\"rj-2\",\"type\":\"cart.item_added\"}}, 7]";
        var ingested = await Json.ReadAsync(await service.Ingestion().PostAsync("/api/events", Json.Body(body)));
        Assert.Equal(2, ingested.GetProperty("rejected").GetInt32());
        var segment = new HttpRequestMessage(HttpMethod.Post, "/v1/track") { Content = Json.Body("""{"type":"track","event":"Product Added"}""") };
        await service.Segment().SendAsync(segment);

        var report = await Json.ReadAsync(await service.Admin().GetAsync("/api/metrics?from=2026-11-22&to=2026-11-23"));

        Assert.Equal(3, report.GetProperty("eventsRejected").GetInt64());
    }

    [Fact]
    public async Task A_metrics_store_that_cannot_count_rejections_costs_the_count_not_the_request()
    {
        service.Metrics.Failure = new IOException("disk full");

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body("""{"id":"rj-3"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await Json.ReadAsync(response)).GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task The_report_counts_the_cart_the_reminder_and_the_conversion_it_earned()
    {
        await AbandonAndConvertAsync();

        var response = await service.Admin().GetAsync("/api/metrics?from=2026-11-22&to=2026-11-23");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await Json.ReadAsync(response);
        Assert.Equal("2026-11-22", report.GetProperty("from").GetString());
        Assert.Equal("2026-11-22", report.GetProperty("to").GetString());
        Assert.Equal("Asia/Bangkok", report.GetProperty("timeZone").GetString());
        Assert.Equal(1, report.GetProperty("cartsStarted").GetInt64());
        var cart = report.GetProperty("triggers").EnumerateArray().Single(t => t.GetProperty("trigger").GetString() == "abandoned_cart");
        Assert.Equal(1, cart.GetProperty("entered").GetInt64());
        Assert.Equal(1, cart.GetProperty("abandoned").GetInt64());
        Assert.Equal(1.0, cart.GetProperty("abandonmentRate").GetDouble());
        Assert.Equal(1, cart.GetProperty("messages").GetProperty("sent").GetInt64());
        var treated = cart.GetProperty("outcome").GetProperty("treated");
        Assert.Equal(1, treated.GetProperty("conversions").GetInt64());
        Assert.Equal(32900m, treated.GetProperty("revenue").GetDecimal());
        var funnel = report.GetProperty("funnel").GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("count").GetInt64());
        Assert.Equal(1, funnel["added_to_cart"]);
        Assert.Equal(1, funnel["order_completed"]);
    }

    [Fact]
    public async Task A_range_outside_the_activity_and_another_trigger_report_nothing_of_it()
    {
        await AbandonAndConvertAsync();

        var before = await Json.ReadAsync(await service.Admin().GetAsync("/api/metrics?from=2026-11-01&to=2026-11-22"));
        var browse = await Json.ReadAsync(await service.Admin().GetAsync("/api/metrics?from=2026-11-22&to=2026-11-23&trigger=browse_abandoned"));

        Assert.Equal(0, before.GetProperty("cartsStarted").GetInt64());
        Assert.Equal("browse_abandoned", Assert.Single(browse.GetProperty("triggers").EnumerateArray()).GetProperty("trigger").GetString());
        Assert.Equal(0, browse.GetProperty("triggers")[0].GetProperty("entered").GetInt64());
    }

    [Theory]
    [InlineData("from=yesterday", "from: 'yesterday' is neither an ISO date")]
    [InlineData("to=2026-13-01", "to: '2026-13-01'")]
    [InlineData("from=2026-11-22T10:00:00", "neither an ISO date")]
    [InlineData("from=2026-11-23&to=2026-11-22", "must be before to")]
    [InlineData("from=2026-11-22&to=2026-11-22", "must be before to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "at most 366 days")]
    [InlineData("from=2030-01-01", "from (2030-01-01) must be before to, which is the end of today (")]
    [InlineData("to=9999-12-31T12:00:00Z", "to: '9999-12-31T12:00:00Z' is in the year 9999; a bound must fall in the years 0001 to 9998.")]
    [InlineData("from=0000-12-31&to=0001-01-02", "from: '0000-12-31' is in the year 0; a bound must fall in the years 0001 to 9998.")]
    [InlineData("to=0001-01-01", "from (0001-01-01) must be before to (0001-01-01)")]
    [InlineData("trigger=nope", "trigger 'nope' is not in the configuration; the triggers are abandoned_cart, browse_abandoned, app_inactive")]
    public async Task A_bad_query_is_a_400_that_names_the_parameter_and_what_to_send(string query, string expected)
    {
        var response = await service.Admin().GetAsync("/api/metrics?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    /// <summary>The bounds closest to the calendar's ends: widened by the zone, a day, or the default 30 days.</summary>
    [Theory]
    [InlineData("to=9998-12-31T23:00:00-05:00", "9998-12-03", "9999-01-01")]
    [InlineData("to=0001-01-02", "0001-01-01", "0001-01-01")]
    public async Task A_bound_in_the_first_or_last_year_allowed_is_read(string query, string firstDay, string lastDay)
    {
        var response = await service.Admin().GetAsync("/api/metrics?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await Json.ReadAsync(response);
        Assert.Equal((firstDay, lastDay), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task An_instant_is_widened_to_the_days_it_touches_in_the_stores_time_zone()
    {
        await AbandonAndConvertAsync();

        // 2026-11-22T12:00Z is 19:00 in Bangkok: from that instant to the next midnight UTC (07:00 Bangkok on the 23rd).
        var report = await Json.ReadAsync(await service.Admin().GetAsync("/api/metrics?from=2026-11-22T12:00:00Z&to=2026-11-23T00:00:00Z"));

        Assert.Equal("2026-11-22", report.GetProperty("from").GetString());
        Assert.Equal("2026-11-23", report.GetProperty("to").GetString());
        Assert.Equal(1, report.GetProperty("cartsStarted").GetInt64());
    }

    /// <summary>The clock is at 2026-11-22 19:00 in Bangkok, the configuration's time zone.</summary>
    [Theory]
    [InlineData("", "2026-10-24", "2026-11-22")]
    [InlineData("?to=2026-11-10", "2026-10-11", "2026-11-09")]
    [InlineData("?from=2026-11-20", "2026-11-20", "2026-11-22")]
    public async Task Without_to_the_range_ends_with_today_and_without_from_it_is_the_30_days_before_to(string query, string from, string to)
    {
        var report = await Json.ReadAsync(await service.Admin().GetAsync("/api/metrics" + query));

        Assert.Equal(from, report.GetProperty("from").GetString());
        Assert.Equal(to, report.GetProperty("to").GetString());
    }

    [Fact]
    public async Task The_metrics_need_the_admin_key()
    {
        var none = await service.CreateClient().GetAsync("/api/metrics");
        var ingestion = await service.Ingestion().GetAsync("/api/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingestion.StatusCode);
    }
}
