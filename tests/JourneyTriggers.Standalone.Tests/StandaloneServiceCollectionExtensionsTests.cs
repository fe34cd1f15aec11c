using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Standalone.DeadLetters;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Smtp;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyTriggers.Standalone.Tests;

public sealed class StandaloneServiceCollectionExtensionsTests
{
    [Fact]
    public async Task A_host_with_the_application_and_the_standalone_adapters_builds_starts_and_stops()
    {
        using var data = new TempDirectory();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        // What the host registers itself: the application pipeline the pump drives.
        builder.Services.AddLogging();
        builder.Services.AddSingleton(Shop.Engine);
        builder.Services.AddSingleton<IReminderComposer, FakeComposer>();
        builder.Services.AddSingleton<CustomerLocks>();
        builder.Services.AddSingleton<HostClock>();
        builder.Services.AddSingleton<CustomerUpdates>();
        builder.Services.AddSingleton<TimerProcessing>();
        builder.Services.AddSingleton<TouchpointIngestion>();
        builder.Services.AddSingleton<DeliveryRecording>();
        builder.Services.AddSingleton(Shop.Pseudonyms);
        builder.Services.AddJourneyTriggersStandalone(new StandaloneOptions
        {
            DataDirectory = data.Path,
            Smtp = new SmtpOptions { Host = "127.0.0.1", FromAddress = "shop@shop.example" },
        });

        using (var host = builder.Build())
        {
            await host.StartAsync();
            Assert.IsType<SqliteCustomerStore>(host.Services.GetRequiredService<ICustomerStore>());
            Assert.IsType<SqliteInbox>(host.Services.GetRequiredService<ITouchpointDestination>());
            Assert.IsType<SqliteDeadLetterStore>(host.Services.GetRequiredService<IDeadLetterStore>());
            Assert.IsType<SqliteOutboxReader>(host.Services.GetRequiredService<IOutboxReader>());
            Assert.IsType<SmtpEmailSender>(host.Services.GetRequiredService<IEmailSender>());
            Assert.Equal(
                [typeof(InboxPump), typeof(SqliteTimerPump), typeof(JourneyTriggers.Standalone.Push.InstallationSyncPump),
                 typeof(JourneyTriggers.Standalone.Retention.RetentionSweeper), typeof(OutboxDispatcher)],
                host.Services.GetServices<IHostedService>().Select(s => s.GetType()));
            await host.StopAsync();
        }

        Assert.True(File.Exists(Path.Combine(data.Path, SqliteDatabase.FileName)));
    }
}
