using JourneyTriggers.Azure.EventHubs;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure.Tests.EventHubs;

public sealed class EventHubsCollectorSettingsTests
{
    static EventHubsCollectorSettings Read(params (string Key, string Value)[] settings) =>
        EventHubsCollectorSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void In_azure_the_hosts_namespace_setting_and_the_managed_identity_are_used()
    {
        var settings = Read(("EventHub:Name", "touchpoints"), ("EventHubConnection:fullyQualifiedNamespace", "evhns-jt.servicebus.windows.net"));

        Assert.Equal(new Uri("https://evhns-jt.servicebus.windows.net/"), settings.Endpoint);
        Assert.Equal("touchpoints", settings.HubName);
        Assert.Null(settings.SharedAccessKey);
    }

    [Fact]
    public void A_connection_string_gives_the_endpoint_over_tls_and_the_key()
    {
        var settings = Read(("EventHub:Name", "touchpoints"),
            ("EventHub:ConnectionString", "Endpoint=sb://evhns-jt.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=s3cret"));

        Assert.Equal(new Uri("https://evhns-jt.servicebus.windows.net/"), settings.Endpoint);
        Assert.Equal("send", settings.SharedAccessKey!.Name);
    }

    [Fact]
    public void Every_missing_setting_is_named_at_once()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Read());

        Assert.Contains("EventHub__Name is not set", failure.Message);
        Assert.Contains("EventHubConnection__fullyQualifiedNamespace is not set", failure.Message);
    }

    [Theory]
    [InlineData("Endpoint=http://evhns-jt.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=s3cret", "http:// only to localhost")]
    [InlineData("Endpoint=sb://evhns-jt.servicebus.windows.net/;SharedAccessKey=s3cret", "needs SharedAccessKeyName and SharedAccessKey")]
    [InlineData("Endpoint=sb://evhns-jt.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=s3cret;EntityPath=other", "another hub")]
    [InlineData("SharedAccessKeyName=send;SharedAccessKey=s3cret", "needs Endpoint=")]
    public void A_bad_connection_string_is_explained_without_echoing_its_key(string connectionString, string expected)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Read(("EventHub:Name", "touchpoints"), ("EventHub:ConnectionString", connectionString)));

        Assert.Contains(expected, failure.Message);
        Assert.DoesNotContain("s3cret", failure.Message);
    }

    [Fact]
    public void A_namespace_with_a_scheme_is_explained()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            Read(("EventHub:Name", "touchpoints"), ("EventHubConnection:fullyQualifiedNamespace", "https://evhns-jt.servicebus.windows.net/")));

        Assert.Contains("without scheme or path", failure.Message);
    }
}
