using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.DeadLetters;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Push;
using JourneyTriggers.Standalone.Retention;
using JourneyTriggers.Standalone.Smtp;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Timers;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Standalone;

public static class StandaloneServiceCollectionExtensions
{
    /// <summary>
    /// The standalone adapters: <see cref="ICustomerStore"/>, <see cref="IOutboxReader"/> and <see cref="IMetricsStore"/> on SQLite, the
    /// timer pump, the retention sweep, and the outbox dispatcher that hands each message to its channel's sender: an
    /// <see cref="IEmailSender"/> or <see cref="IPushSender"/> the host registered before this call, else
    /// <see cref="SmtpEmailSender"/> for email when <see cref="StandaloneOptions.Smtp"/> is set. A channel with
    /// no sender keeps its messages in the outbox. The collector's <see cref="ITouchpointDestination"/> is the
    /// <see cref="SqliteInbox"/>, decided by the <see cref="InboxPump"/>, which keeps what it decided in the
    /// <see cref="TouchpointArchive"/> (<see cref="ITouchpointArchive"/>) when <see cref="StandaloneOptions.ArchiveTouchpoints"/> is set. The pumps and the dispatcher need the application's
    /// <c>TouchpointIngestion</c>, <c>TimerProcessing</c>, <c>DeliveryRecording</c>, <c>LateSendCheck</c>, <c>HostClock</c> and <c>CustomerPseudonyms</c>, registered by the host.
    /// </summary>
    public static IServiceCollection AddJourneyTriggersStandalone(this IServiceCollection services, StandaloneOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var database = SqliteDatabase.Open(options.DataDirectory, options.Durability);
            provider.GetRequiredService<ILogger<SqliteDatabase>>().DatabaseOpened(database.Path, database.SchemaVersion);
            return database;
        });
        services.AddSingleton<TimerSignal>();
        if (options.Smtp is { } smtp) services.TryAddSingleton<IEmailSender>(new SmtpEmailSender(smtp));
        services.AddSingleton(provider => new OutboxDestinations(
            provider.GetService<IEmailSender>() is not null, provider.GetService<IPushSender>() is not null));
        services.AddSingleton<ICustomerStore>(provider => new SqliteCustomerStore(
            provider.GetRequiredService<SqliteDatabase>(),
            provider.GetRequiredService<TimerSignal>(),
            provider.GetRequiredService<OutboxDestinations>(),
            syncInstallations: provider.GetService<IPushInstallations>() is not null,
            provider.GetRequiredService<SqliteInbox>(),
            options.DocumentCacheBytes,
            provider.GetService<TouchpointArchive>()));
        services.AddSingleton<IOutboxReader, SqliteOutboxReader>();
        services.AddSingleton<IMetricsStore, SqliteMetricsStore>();
        // The collector's events go to the inbox (a 202 means they are saved there) and the pump decides them.
        services.AddSingleton(provider =>
        {
            var inbox = ActivatorUtilities.CreateInstance<SqliteInbox>(provider);
            // The archive keeps touchpoints under their inbox seqs: an inbox.db deleted or restored from a backup must not hand those out again.
            if (provider.GetService<TouchpointArchive>() is { } archive) inbox.GiveSeqsAfter(archive.LastSeq);
            if (provider.GetService<IMeterFactory>() is { } meters) InboxMetrics.Publish(meters, inbox);
            return inbox;
        });
        services.AddSingleton<ITouchpointDestination>(provider => provider.GetRequiredService<SqliteInbox>());
        services.AddSingleton<IPendingTouchpoints>(provider => provider.GetRequiredService<SqliteInbox>());
        services.AddSingleton<IDeadLetterStore, SqliteDeadLetterStore>();
        // Also when turned off with an archive in the data folder: what it keeps is still erased with the customer and
        // swept after the retention, though the pump keeps nothing new.
        if (options.ArchiveTouchpoints || File.Exists(Path.Combine(options.DataDirectory, ArchiveSchema.FileName)))
        {
            services.AddSingleton<TouchpointArchive>();
            services.AddSingleton<ITouchpointArchive>(provider => provider.GetRequiredService<TouchpointArchive>());
        }
        services.AddHostedService<InboxPump>();
        services.AddHostedService<SqliteTimerPump>();
        // Runs only where the host registered a push provider's installations (Notification Hubs).
        services.AddHostedService(provider => new InstallationSyncPump(provider.GetRequiredService<SqliteDatabase>(),
            provider.GetService<IPushInstallations>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<CustomerPseudonyms>(),
            provider.GetRequiredService<ILogger<InstallationSyncPump>>()));
        services.AddHostedService(provider => new RetentionSweeper(provider.GetRequiredService<SqliteDatabase>(), options,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<RetentionSweeper>>(), provider.GetService<TouchpointArchive>()));
        services.AddHostedService(provider => new OutboxDispatcher(
            provider.GetRequiredService<SqliteDatabase>(),
            provider.GetService<IEmailSender>(),
            provider.GetService<IPushSender>(),
            provider.GetRequiredService<Application.Delivery.DeliveryRecording>(),
            provider.GetRequiredService<Application.Delivery.LateSendCheck>(),
            provider.GetRequiredService<IPendingTouchpoints>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<CustomerPseudonyms>(),
            provider.GetRequiredService<ILogger<OutboxDispatcher>>()));
        return services;
    }
}
