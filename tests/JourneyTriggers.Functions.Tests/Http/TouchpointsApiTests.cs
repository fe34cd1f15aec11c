using System.Net;
using System.Text;
using JourneyTriggers.Functions.Hosting;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary><c>GET /api/touchpoints</c> (admin): what it answers without the archive, and to bad ranges.</summary>
public sealed class TouchpointsApiTests
{
    [Fact]
    public async Task Without_the_archive_the_route_says_how_to_turn_it_on()
    {
        using var service = new ServiceFactory();

        var response = await service.Admin().GetAsync("/api/touchpoints");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("No touchpoint archive", problem.GetProperty("title").GetString());
        Assert.Contains("Standalone:ArchiveTouchpoints=true", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_archive_needs_the_admin_key()
    {
        using var service = Archiving();

        Assert.Equal(HttpStatusCode.Forbidden, (await service.Ingestion().GetAsync("/api/touchpoints")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().GetAsync("/api/touchpoints")).StatusCode);
    }

    [Theory]
    [InlineData("?from=yesterday", "from: 'yesterday' is neither an ISO date (2026-11-22, the start of that day in the configuration's time zone) nor an instant with its UTC offset (2026-11-22T10:00:00Z).")]
    [InlineData("?to=2026-11-22T10:00:00", "to: '2026-11-22T10:00:00' is neither an ISO date (2026-11-22, the start of that day in the configuration's time zone) nor an instant with its UTC offset (2026-11-22T10:00:00Z).")]
    [InlineData("?to=9999-12-31T23:00:00-05:00", "to: '9999-12-31T23:00:00-05:00' is in the year 9999; a bound must fall in the years 0001 to 9998.")]
    [InlineData("?from=-9998-01-01", "from: '-9998-01-01' is in the year -9998; a bound must fall in the years 0001 to 9998.")]
    [InlineData("?from=2026-11-22&to=2026-11-22", "from (2026-11-21T17:00:00Z) must be before to (2026-11-21T17:00:00Z): to is exclusive, so one day is from=2026-11-22&to=2026-11-23.")]
    [InlineData("?from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00%2B07:00", "from (2026-11-23T00:00:00Z) must be before to (2026-11-21T17:00:00Z): to is exclusive, so one day is from=2026-11-22&to=2026-11-23.")]
    public async Task A_range_that_cannot_be_read_is_400_and_says_what_to_send(string query, string detail)
    {
        using var service = Archiving();

        var response = await service.Admin().GetAsync("/api/touchpoints" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_archive_answers_an_empty_ndjson_stream()
    {
        using var service = Archiving();

        var response = await service.Admin().GetAsync("/api/touchpoints?from=2026-11-01&to=2026-12-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    internal static ServiceFactory Archiving() => new(new Dictionary<string, string?> { [ArchiveSetting.Setting] = "true" });
}
