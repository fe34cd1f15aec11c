using JourneyTriggers.Azure.Push;
using JourneyTriggers.Core.Customers;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyTriggers.Azure.Tests.Push;

public sealed class NotificationHubsInstallationsTests : IAsyncLifetime
{
    FakeNotificationHub hub = null!;
    NotificationHubsInstallations installations = null!;

    public async Task InitializeAsync()
    {
        hub = await FakeNotificationHub.StartAsync();
        installations = new NotificationHubsInstallations(HubClients.For(hub), NullLogger<NotificationHubsInstallations>.Instance);
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    static string[] Tags(System.Text.Json.Nodes.JsonObject installation) =>
        [.. installation["tags"]!.AsArray().Select(t => t!.GetValue<string>())];

    [Fact]
    public async Task A_registration_with_its_push_channel_creates_the_installation_tagged_with_the_customer()
    {
        await installations.UpsertAsync(ProfileKey.ForAnonymous("a 9"), new PushInstallation("inst-1", "apns", "device-token"));

        var stored = hub.Installations["inst-1"];
        Assert.Equal("apns", stored["platform"]!.GetValue<string>());
        Assert.Equal("device-token", stored["pushChannel"]!.GetValue<string>());
        Assert.Equal(["customer:anon:a#209"], Tags(stored));
        Assert.Equal("anon:a#209", stored["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_registration_again_replaces_the_installation_whole()
    {
        await installations.UpsertAsync(ProfileKey.ForCustomer("c-1"), new PushInstallation("inst-1", "fcmv1", "old"));
        await installations.UpsertAsync(ProfileKey.ForCustomer("c-2"), new PushInstallation("inst-1", "fcmv1", "new"));

        Assert.Equal("new", hub.Installations["inst-1"]["pushChannel"]!.GetValue<string>());
        Assert.Equal(["customer:c-2"], Tags(hub.Installations["inst-1"]));
    }

    [Fact]
    public async Task A_registration_without_a_channel_addresses_an_installation_the_app_made_itself()
    {
        hub.Seed("inst-1", "wns", "https://wns.example/channel", "app:v2");

        await installations.UpsertAsync(ProfileKey.ForCustomer("c-42"), new PushInstallation("inst-1", "wns", null));

        Assert.Equal(["app:v2", "customer:c-42"], Tags(hub.Installations["inst-1"]));
        Assert.Equal("https://wns.example/channel", hub.Installations["inst-1"]["pushChannel"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_registration_without_a_channel_for_an_installation_the_hub_lacks_changes_nothing()
    {
        await installations.UpsertAsync(ProfileKey.ForCustomer("c-42"), new PushInstallation("inst-1", "fcmv1", null));

        Assert.Empty(hub.Installations);
    }

    [Fact]
    public async Task Deleting_removes_the_installation_and_deleting_again_is_fine()
    {
        hub.Seed("inst-1", "fcmv1", "token");

        await installations.DeleteAsync("inst-1");
        await installations.DeleteAsync("inst-1");

        Assert.Empty(hub.Installations);
    }

    [Fact]
    public async Task A_hub_404_on_delete_counts_as_removed()
    {
        hub.FailInstallationCalls(new Fault(404));

        await installations.DeleteAsync("inst-1");
    }

    [Fact]
    public async Task A_failure_after_the_clients_retries_reaches_the_caller_who_keeps_the_work()
    {
        hub.FailInstallationCalls(Enumerable.Repeat(new Fault(503), 5).ToArray());

        await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() =>
            installations.UpsertAsync(ProfileKey.ForCustomer("c-42"), new PushInstallation("inst-1", "fcmv1", "token")));
    }
}
