using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Azure.TimerQueue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Azure.Tests;

public sealed class AzureServiceCollectionExtensionsTests
{
    /// <summary>The settings as the template writes them (infra/app-settings.json), in the host's colon form.</summary>
    static readonly Dictionary<string, string?> Azure = new()
    {
        ["Cosmos:Endpoint"] = "https://journeys.documents.azure.com:443/",
        ["Cosmos:Database"] = "journeys",
        ["Cosmos:Container"] = "customers",
        ["Storage:QueueServiceUri"] = "https://journeys.queue.core.windows.net/",
        ["Storage:BlobServiceUri"] = "https://journeys.blob.core.windows.net/",
        ["TimerQueue:Name"] = "journey-timers",
        ["DeadLetter:Container"] = "dead-letter",
        ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
    };

    [Fact]
    public void The_template_settings_give_every_adapter_signed_in_as_the_managed_identity_without_opening_a_connection()
    {
        using var provider = Build(Azure);

        Assert.IsType<global::Azure.Identity.ManagedIdentityCredential>(provider.GetRequiredService<global::Azure.Core.TokenCredential>());
        Assert.IsType<JourneyTriggers.Azure.Cosmos.CosmosCustomerStore>(provider.GetRequiredService<ICustomerStore>());
        Assert.IsType<StorageQueueTimerScheduler>(provider.GetRequiredService<ITimerScheduler>());
        Assert.NotNull(provider.GetRequiredService<IDeadLetterStore>());
        Assert.NotNull(provider.GetRequiredService<IReminderDelivery>());
        var options = provider.GetRequiredService<AzureOptions>();
        Assert.Equal("dead-letter", options.Storage.DeadLetterContainer);
        Assert.Equal(TimeSpan.FromDays(90), options.Cosmos.AnonymousTimeToLive);
    }

    [Fact]
    public void Local_connection_strings_replace_the_endpoints()
    {
        var local = new Dictionary<string, string?>
        {
            ["Cosmos:ConnectionString"] = "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;",
            ["Cosmos:Database"] = "journeys",
            ["Cosmos:Container"] = "customers",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["TimerQueue:Name"] = "journey-timers",
            ["Cosmos:AnonymousTtlDays"] = "30",
        };

        using var provider = Build(local);

        Assert.NotNull(provider.GetRequiredService<ICustomerStore>());
        var options = provider.GetRequiredService<AzureOptions>();
        Assert.Null(options.Cosmos.Endpoint);
        Assert.Equal(TimeSpan.FromDays(30), options.Cosmos.AnonymousTimeToLive);
        Assert.Equal("dead-letters", options.Storage.DeadLetterContainer);
    }

    [Fact]
    public void Missing_and_malformed_settings_are_all_named_and_no_value_is_echoed()
    {
        var broken = new Dictionary<string, string?>(Azure)
        {
            ["Cosmos:Endpoint"] = "http://journeys.documents.azure.com/?sig=secret",
            ["Cosmos:Database"] = null,
            ["TimerQueue:Name"] = "",
            ["Storage:BlobServiceUri"] = null,
        };

        var error = Assert.Throws<InvalidOperationException>(() => Build(broken));

        Assert.Contains("Cosmos__Endpoint must be an absolute https:// URL", error.Message);
        Assert.Contains("Cosmos__Database is not set", error.Message);
        Assert.Contains("TimerQueue__Name is not set", error.Message);
        Assert.Contains("Storage__BlobServiceUri is not set", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData(null, 7 * 24 * 3600)]
    [InlineData("00:00:03", 3)]
    public void The_longest_wake_up_delay_is_the_queues_seven_days_unless_a_setting_shortens_it(string? setting, int seconds)
    {
        var options = AzureOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Azure) { ["TimerQueue:MaxWakeUpDelay"] = setting }).Build());

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Storage.MaxWakeUpDelay);
    }

    [Theory]
    [InlineData("8.00:00:00")]
    [InlineData("00:00:00.5")]
    [InlineData("three days")]
    public void A_wake_up_delay_past_the_queues_limit_or_unreadable_is_refused_by_name(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>(Azure) { ["TimerQueue:MaxWakeUpDelay"] = setting }));

        Assert.Contains("TimerQueue__MaxWakeUpDelay must be a duration like 00:00:30 or 7.00:00:00, between 1 second and 7 days", error.Message);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:00:02", 2)]
    public void A_reminder_not_taken_is_first_tried_again_after_30_s_unless_a_setting_says_otherwise(string? setting, int seconds)
    {
        var options = AzureOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Azure) { ["Delivery:FirstRetry"] = setting }).Build());

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.DeliveryFirstRetry);
    }

    [Theory]
    [InlineData("02:00:00")]
    [InlineData("00:00:00")]
    [InlineData("soon")]
    public void A_first_retry_out_of_range_or_unreadable_is_refused_by_name(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>(Azure) { ["Delivery:FirstRetry"] = setting }));

        Assert.Contains("Delivery__FirstRetry must be a duration like 00:00:30, between 1 second and 1 hour", error.Message);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("00:01:30", 90)]
    public void A_provider_call_is_given_up_after_5_minutes_unless_a_setting_says_otherwise(string? setting, int seconds)
    {
        var options = AzureOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Azure) { ["Delivery:CallTimeout"] = setting }).Build());

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.DeliveryCallTimeout);
    }

    [Theory]
    [InlineData("00:00:05")]
    [InlineData("00:20:00")]
    [InlineData("5m")]
    public void A_call_timeout_out_of_range_or_unreadable_is_refused_by_name(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>(Azure) { ["Delivery:CallTimeout"] = setting }));

        Assert.Contains("Delivery__CallTimeout must be a duration like 00:05:00, between 10 seconds and 15 minutes", error.Message);
    }

    static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton(CustomerPseudonyms.DerivedFrom(UnsubscribeTokens.GenerateKey()))
            .AddSingleton(Rig.Configuration).AddJourneyTriggersAzure(configuration).BuildServiceProvider();
    }
}
