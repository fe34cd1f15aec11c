using JourneyTriggers.Application.Messages;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Tests.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Hosting;

/// <summary>Where unsubscribe links point in the standalone service, and when it refuses to guess.</summary>
public sealed class UnsubscribeBaseUrlTests
{
    static readonly StandaloneChannels Smtp = new("SMTP at smtp.shop.example:2525", "the outbox (dev inbox)", SendsEmail: true);
    static readonly StandaloneChannels Outbox = new("the outbox (dev inbox)", "the outbox (dev inbox)", SendsEmail: false);

    [Fact]
    public void Real_email_without_a_public_address_refuses_to_start_naming_the_setting()
    {
        var refused = Assert.Throws<StartupRefusedException>(() =>
            UnsubscribeBaseUrl.Resolve(Configuration(("urls", "http://0.0.0.0:8080")), Smtp));

        Assert.Equal(
            "JourneyTriggers cannot start: reminder email goes through SMTP at smtp.shop.example:2525, but Unsubscribe:BaseUrl is not set, " +
            "so every unsubscribe link would point at http://localhost:8080, which customers cannot open. Set Unsubscribe:BaseUrl to the " +
            "address customers reach this service at (--Unsubscribe:BaseUrl=https://jt.shop.example).",
            refused.Message);
    }

    [Fact]
    public void With_the_outbox_links_point_at_the_first_address_the_service_listens_on() =>
        Assert.Equal("http://localhost:8080", UnsubscribeBaseUrl.Resolve(Configuration(("urls", "http://+:8080/;http://127.0.0.1:9090")), Outbox));

    [Fact]
    public void A_public_address_that_is_set_is_used_whatever_sends_the_email() =>
        Assert.Equal("https://jt.shop.example", UnsubscribeBaseUrl.Resolve(Configuration((UnsubscribeBaseUrl.Setting, "https://jt.shop.example")), Smtp));

    [Fact]
    public void A_loopback_address_set_for_real_email_starts_with_a_warning()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "1025", ["Smtp:FromAddress"] = "shop@shop.example",
            [UnsubscribeBaseUrl.Setting] = "http://localhost:7071",
        });
        service.CreateClient();

        Assert.Equal("http://localhost:7071", service.Services.GetRequiredService<MessageOptions>().PublicBaseUrl);
        Assert.Contains(service.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains("[1303] Reminder email goes through SMTP at 127.0.0.1:1025, but its unsubscribe links point at http://localhost:7071, a loopback address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("https://jt.shop.example", false)]
    [InlineData("http://192.168.1.20:7071", false)]
    public void Loopback_means_only_this_machine_opens_the_link(string baseUrl, bool loopback) =>
        Assert.Equal(loopback, UnsubscribeBaseUrl.IsLoopback(baseUrl));

    static IConfiguration Configuration((string Key, string Value) setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting.Key] = setting.Value }).Build();
}
