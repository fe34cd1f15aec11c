using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Smtp;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Standalone;

public static class StandaloneServiceCollectionExtensions
{
    /// <summary>
    /// The standalone adapters: <see cref="ICustomerStore"/>, <see cref="IOutboxReader"/> and <see cref="IMetricsStore"/> on SQLite,
    /// the timer pump, and the SMTP dispatcher when <see cref="StandaloneOptions.Smtp"/> is set. The
    /// pump needs the application's <c>TimerProcessing</c>, registered by the host.
    /// </summary>
    public static IServiceCollection AddJourneyTriggersStandalone(this IServiceCollection services, StandaloneOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var database = SqliteDatabase.Open(options.DataDirectory);
            provider.GetRequiredService<ILogger<SqliteDatabase>>().DatabaseOpened(database.Path, database.SchemaVersion);
            return database;
        });
        services.AddSingleton<TimerSignal>();
        services.AddSingleton<ICustomerStore>(provider => new SqliteCustomerStore(
            provider.GetRequiredService<SqliteDatabase>(),
            provider.GetRequiredService<TimerSignal>(),
            options.Smtp is null ? EmailDestination.Outbox : EmailDestination.Smtp));
        services.AddSingleton<IOutboxReader, SqliteOutboxReader>();
        services.AddSingleton<IMetricsStore, SqliteMetricsStore>();
        services.AddHostedService<SqliteTimerPump>();
        if (options.Smtp is { } smtp)
        {
            services.AddSingleton(smtp);
            services.AddHostedService<SmtpDispatcher>();
        }
        return services;
    }
}
