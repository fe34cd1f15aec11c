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
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyTriggers.Standalone.Tests;

public sealed class StandaloneServiceCollectionExtensionsTests
{
    [Fact]
    public async Task A_host_with_the_application_and_the_standalone_adapters_builds_starts_and_stops()
    {
        using var data = new TempDirectory();
        var builder = Builder(data.Path);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            Assert.IsType<SqliteCustomerStore>(host.Services.GetRequiredService<ICustomerStore>());
            Assert.IsType<SqliteInbox>(host.Services.GetRequiredService<ITouchpointDestination>());
            Assert.IsType<SqliteDeadLetterStore>(host.Services.GetRequiredService<IDeadLetterStore>());
            Assert.IsType<SqliteOutboxReader>(host.Services.GetRequiredService<IOutboxReader>());
            Assert.IsType<SmtpEmailSender>(host.Services.GetRequiredService<IEmailSender>());
            Assert.Null(host.Services.GetService<ITouchpointArchive>());
            Assert.Equal(
                [typeof(InboxPump), typeof(SqliteTimerPump), typeof(JourneyTriggers.Standalone.Push.InstallationSyncPump),
                 typeof(JourneyTriggers.Standalone.Retention.RetentionSweeper), typeof(OutboxDispatcher)],
                host.Services.GetServices<IHostedService>().Select(s => s.GetType()));
            await host.StopAsync();
        }

        Assert.True(File.Exists(Path.Combine(data.Path, SqliteDatabase.FileName)));
        Assert.False(File.Exists(Path.Combine(data.Path, JourneyTriggers.Standalone.Archive.ArchiveSchema.FileName)));
    }

    [Fact]
    public async Task With_the_archive_on_the_pump_keeps_what_it_decided_where_the_api_reads_it()
    {
        using var data = new TempDirectory();
        using var host = Builder(data.Path, archiveTouchpoints: true).Build();
        var inbox = host.Services.GetRequiredService<SqliteInbox>();
        await inbox.ReceiveAsync([Inbox.SqliteInboxTests.Add("c-ann", "e-1"), Inbox.SqliteInboxTests.Add("c-bob", "e-2")]);

        await host.StartAsync();
        Assert.True(await inbox.WaitDecidedAsync(TimeSpan.FromSeconds(30)));
        var archived = new List<string>();
        await foreach (var line in host.Services.GetRequiredService<ITouchpointArchive>().ReadAsync(null, null))
            archived.Add(System.Text.Encoding.UTF8.GetString(line.Span));
        await host.StopAsync();

        Assert.Equal(2, archived.Count);
        Assert.Contains("\"id\":\"e-1\"", archived[0]);
        Assert.Contains("\"id\":\"e-2\"", archived[1]);
    }

    /// <summary>A host as the service builds it, with the application pipeline the pump drives registered as the host does.</summary>
    static HostApplicationBuilder Builder(string dataDirectory, bool archiveTouchpoints = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Services.AddLogging();
        builder.Services.AddMetrics();
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
            DataDirectory = dataDirectory,
            Smtp = new SmtpOptions { Host = "127.0.0.1", FromAddress = "shop@shop.example" },
            ArchiveTouchpoints = archiveTouchpoints,
        });
        return builder;
    }

    [Fact]
    public async Task The_inbox_backlog_is_published_as_a_gauge_of_the_host_meters()
    {
        using var data = new TempDirectory();
        using var host = Builder(data.Path).Build();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var readings = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Other tests' hosts publish theirs too: only this host's meter counts.
            if (instrument.Name == "journeytriggers.inbox.backlog" && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => readings.Add(value));
        listener.Start();
        var inbox = host.Services.GetRequiredService<SqliteInbox>();

        await inbox.ReceiveAsync([Inbox.SqliteInboxTests.Add("c-ann", "e-1"), Inbox.SqliteInboxTests.Add("c-bob", "e-2")]);
        listener.RecordObservableInstruments();
        Assert.Equal([2L], readings);

        await host.StartAsync();
        Assert.True(await inbox.WaitDecidedAsync(TimeSpan.FromSeconds(30)));
        listener.RecordObservableInstruments();
        Assert.Equal([2L, 0L], readings);
        await host.StopAsync();
    }
}
