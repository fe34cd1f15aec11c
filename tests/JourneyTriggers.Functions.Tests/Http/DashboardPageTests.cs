using System.Net;
using System.Text.RegularExpressions;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary><c>GET /dashboard</c> as a marketer reads it.</summary>
public sealed partial class DashboardPageTests
{
    [GeneratedRegex("<text class=\"count\"[^>]*>(?<label>[^<]*)</text>")]
    private static partial Regex FunnelLabels();

    [Theory]
    [InlineData("en")]
    [InlineData("th")]
    public async Task A_funnel_stage_that_counts_more_than_the_one_before_shows_its_growth_not_a_negative_drop_off(string lang)
    {
        using var service = new ServiceFactory();
        const string view = """{"id":"f-1","type":"product.viewed","customerId":"c-funnel","timestamp":"2026-11-22T11:00:00Z","properties":{"sku":"LAP-14"}}""";
        var sent = await service.Ingestion().PostAsync("/api/events", Json.Body($"[{view},{Json.CartAdd("f-2", "c-funnel")},{Json.CartAdd("f-3", "c-funnel")}]"));
        Assert.Equal(0, (await Json.ReadAsync(sent)).GetProperty("rejected").GetInt32());

        var response = await service.Admin().GetAsync("/dashboard?lang=" + lang);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labels = FunnelLabels().Matches(await response.Content.ReadAsStringAsync()).Select(m => WebUtility.HtmlDecode(m.Groups["label"].Value));
        Assert.Equal(["1", "2 (+100 %)", "0 (−100 %)", "0"], labels);
        var api = await Json.ReadAsync(await service.Admin().GetAsync("/api/metrics"));
        Assert.Equal(-1.0, api.GetProperty("funnel").GetProperty("stages")[1].GetProperty("dropOff").GetDouble());
    }

    [Fact]
    public async Task A_bound_past_the_last_year_allowed_is_a_400_that_says_so()
    {
        using var service = new ServiceFactory();

        var response = await service.Admin().GetAsync("/dashboard?to=9999-12-31T12:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "to: '9999-12-31T12:00:00Z' is in the year 9999; a bound must fall in the years 0001 to 9998.",
            (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }
}
