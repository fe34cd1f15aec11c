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
        var archived = await ArchivedLines.IdsAsync(host.Services.GetRequiredService<ITouchpointArchive>());
        await host.StopAsync();

        Assert.Equal(["e-1", "e-2"], archived);
    }

    [Fact]
    public async Task An_archive_turned_off_keeps_nothing_new_but_is_still_read_and_erased_with_the_customer()
    {
        using var data = new TempDirectory();
        using (var on = Builder(data.Path, archiveTouchpoints: true).Build())
        {
            await on.StartAsync();
            await DecideAsync(on, Inbox.SqliteInboxTests.Add("c-ann", "e-1"), Inbox.SqliteInboxTests.Add("c-bob", "e-2"));
            await on.StopAsync();
        }

        using var off = Builder(data.Path).Build();
        await off.StartAsync();
        await DecideAsync(off, Inbox.SqliteInboxTests.Add("c-ann", "e-3"));
        var archive = off.Services.GetRequiredService<ITouchpointArchive>();
        Assert.Equal(["e-1", "e-2"], await ArchivedLines.IdsAsync(archive));

        var report = await off.Services.GetRequiredService<ICustomerStore>().EraseAsync(Core.Customers.ProfileKey.ForCustomer("c-ann"));
        await off.StopAsync();

        Assert.Equal(1, report.Removed["archivedTouchpoints"]);
        Assert.Equal(["e-2"], await ArchivedLines.IdsAsync(archive));
    }

    [Fact]
    public async Task Erasing_a_customer_erases_the_archived_touchpoints_of_the_anonymous_profile_merged_into_them()
    {
        using var data = new TempDirectory();
        using var host = Builder(data.Path, archiveTouchpoints: true).Build();
        await host.StartAsync();
        var at = NodaTime.Instant.FromUtc(2026, 11, 23, 9, 0);
        var visitor = Core.Customers.CustomerRef.Anonymous("a-visitor");
        await DecideAsync(host,
            new Core.Touchpoints.Normalisation.TouchpointReading.Accepted(new Core.Touchpoints.CartItemAdded(new Core.Touchpoints.TouchpointId("e-anon"), visitor, at, null,
                new Core.Touchpoints.ProductInfo("mug", "Mug", 350m, "THB", null, null), 1)),
            new Core.Touchpoints.Normalisation.TouchpointReading.Accepted(new Core.Touchpoints.CustomerIdentified(new Core.Touchpoints.TouchpointId("e-identify"),
                new Core.Customers.CustomerRef("c-ann", "a-visitor"), at.Plus(NodaTime.Duration.FromMinutes(1)), null, "ann@example.test", null, null, null, null)),
            Inbox.SqliteInboxTests.Add("c-bob", "e-bob"));
        var archive = host.Services.GetRequiredService<ITouchpointArchive>();
        Assert.Equal(["e-anon", "e-identify"],
            await ArchivedLines.IdsAsync(archive, Core.Customers.ProfileKey.ForCustomer("c-ann"), Core.Customers.ProfileKey.ForAnonymous("a-visitor")));

        var erasure = new CustomerErasure(Shop.Engine, host.Services.GetRequiredService<ICustomerStore>(), host.Services.GetRequiredService<IDeadLetterStore>(),
            host.Services.GetRequiredService<CustomerLocks>(), host.Services.GetRequiredService<HostClock>());
        var (_, report) = (await erasure.EraseAsync("c-ann", CancellationToken.None))!.Value;
        await host.StopAsync();

        Assert.Equal(2, report.Removed["archivedTouchpoints"]);
        Assert.Equal(["e-bob"], await ArchivedLines.IdsAsync(archive));
    }

    [Fact]
    public async Task An_inbox_file_started_afresh_never_hands_out_a_seq_the_archive_holds()
    {
        using var data = new TempDirectory();
        using (var first = Builder(data.Path, archiveTouchpoints: true).Build())
        {
            await first.StartAsync();
            await DecideAsync(first, Inbox.SqliteInboxTests.Add("c-ann", "e-1"), Inbox.SqliteInboxTests.Add("c-bob", "e-2"));
            await first.StopAsync();
        }
        // The operator deletes inbox.db (or restores an older copy): its seqs would start again from 1.
        foreach (var file in Directory.GetFiles(data.Path, JourneyTriggers.Standalone.Inbox.InboxSchema.FileName + "*")) File.Delete(file);

        using var second = Builder(data.Path, archiveTouchpoints: true).Build();
        await second.StartAsync();
        await DecideAsync(second, Inbox.SqliteInboxTests.Add("c-ann", "e-3"));
        var archive = second.Services.GetRequiredService<ITouchpointArchive>();
        var ids = await ArchivedLines.IdsAsync(archive);
        await second.StopAsync();

        Assert.Equal(["e-1", "e-2", "e-3"], ids);
    }

    static async Task DecideAsync(IHost host, params Core.Touchpoints.Normalisation.TouchpointReading[] readings)
    {
        var inbox = host.Services.GetRequiredService<SqliteInbox>();
        await inbox.ReceiveAsync(readings);
        Assert.True(await inbox.WaitDecidedAsync(TimeSpan.FromSeconds(30)));
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
        builder.Services.AddSingleton<LateSendCheck>();
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
