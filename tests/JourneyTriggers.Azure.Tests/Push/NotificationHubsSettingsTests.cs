using JourneyTriggers.Azure.Push;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure.Tests.Push;

public sealed class NotificationHubsSettingsTests
{
    static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create("NotificationHubs:" + v.Key, (string?)v.Value))).Build();

    [Fact]
    public void No_settings_means_no_hub() => Assert.Null(NotificationHubsSettings.Read(Settings()));

    [Fact]
    public void A_complete_set_names_the_namespace_url()
    {
        var settings = NotificationHubsSettings.Read(Settings(("Namespace", "shop-push"), ("HubName", "journey-triggers"), ("SasKeyName", "Send"), ("SasKey", "k")))!;

        Assert.Equal(new Uri("https://shop-push.servicebus.windows.net/"), settings.Endpoint);
        Assert.Equal("journey-triggers", settings.HubName);
        Assert.DoesNotContain("k }", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_setting_replaces_the_namespace_for_a_local_fake()
    {
        var settings = NotificationHubsSettings.Read(Settings(("Endpoint", "https://localhost:7443/"), ("HubName", "h"), ("SasKeyName", "Send"), ("SasKey", "k")))!;

        Assert.Equal(new Uri("https://localhost:7443/"), settings.Endpoint);
    }

    [Fact]
    public void A_partial_set_lists_every_problem_at_once_without_echoing_the_key()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => NotificationHubsSettings.Read(Settings(("Namespace", "x!"), ("SasKey", "secret-key"))));

        Assert.Contains("NotificationHubs__Namespace must be a namespace name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NotificationHubs__HubName is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NotificationHubs__SasKeyName is not set", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", failure.Message, StringComparison.Ordinal);
    }
}
