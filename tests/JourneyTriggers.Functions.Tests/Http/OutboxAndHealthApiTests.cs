using System.Net;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary><c>GET /api/outbox</c> (admin) and <c>GET /api/health</c> (no key).</summary>
public sealed class OutboxAndHealthApiTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    static OutboxEntry Entry(string messageId, string customerId, int hour) => new(
        messageId, customerId, null, Channel.Email, "abandoned_cart", 1, "cart-reminder-1", "en-US", Instant.FromUtc(2026, 11, 22, hour, 0),
        OutboxStatus.Delivered, 1, null, Instant.FromUtc(2026, 11, 22, hour, 0), "somchai@example.com", "Your cart", "<p>Hi</p>", "Hi",
        new Dictionary<string, string>(), null, null, "https://shop.example/cart");

    [Fact]
    public async Task The_outbox_lists_a_customers_messages_newest_first_up_to_the_limit()
    {
        service.Outbox.Entries.AddRange([Entry("m-o1", "c-out", 9), Entry("m-o2", "c-out", 10), Entry("m-o3", "c-else", 11)]);

        var response = await service.Admin().GetAsync("/api/outbox?customerId=c-out&limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single((await Json.ReadAsync(response)).EnumerateArray());
        Assert.Equal("m-o2", entry.GetProperty("messageId").GetString());
        Assert.Equal("email", entry.GetProperty("channel").GetString());
        Assert.Equal("2026-11-22T10:00:00Z", entry.GetProperty("at").GetString());
        Assert.Equal("Your cart", entry.GetProperty("subject").GetString());
        Assert.Equal("https://shop.example/cart", entry.GetProperty("deepLink").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-3")]
    public async Task A_limit_out_of_range_is_400(string limit)
    {
        var response = await service.Admin().GetAsync("/api/outbox?limit=" + limit);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between 1 and 500", (await Json.ReadAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_outbox_needs_the_admin_key()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Ingestion().GetAsync("/api/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().GetAsync("/api/outbox")).StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_key()
    {
        var response = await service.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await Json.ReadAsync(response);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("store").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Health_is_503_when_the_store_does_not_answer()
    {
        using var failing = new ServiceFactory();
        failing.Store.Failure = new TimeoutException("store down");

        var response = await failing.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", (await Json.ReadAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await service.CreateClient().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
