using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.DeadLetters;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>
/// A standalone host without HTTP: the real engine and application pipeline over the SQLite store in
/// one data directory, on a fake clock. Reopening a data directory is a restart.
/// </summary>
internal sealed class Shop : IDisposable
{
    /// <summary>Abandoned cart: an email an hour after the last cart activity, another a day later.</summary>
    const string Configuration = """
        {
          "defaults": { "emailConsent": "implicit" },
          "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned", "steps": [
            { "after": "PT1H", "channels": ["email"], "template": "cart-reminder-1" },
            { "after": "P1D", "channels": ["email"], "template": "cart-reminder-2" } ] } ]
        }
        """;

    public static readonly CustomerPseudonyms Pseudonyms = CustomerPseudonyms.DerivedFrom(UnsubscribeTokens.GenerateKey());

    public static readonly JourneyEngine Engine = new(((ConfigurationLoadResult.Loaded)ConfigurationLoader.Load(Configuration)).Configuration);

    readonly HostClock clock;

    readonly long inboxMaxBacklog;

    readonly bool archive;

    /// <param name="archive">Keep decided touchpoints in a <see cref="TouchpointArchive"/>, as <c>Standalone:ArchiveTouchpoints</c> does.</param>
    public Shop(string dataDirectory, FakeTimeProvider time, OutboxDestinations? destinations = null, long inboxMaxBacklog = 100_000, bool archive = false)
    {
        this.inboxMaxBacklog = inboxMaxBacklog;
        this.archive = archive;
        DataDirectory = dataDirectory;
        Time = time;
        clock = new HostClock(time);
        Database = SqliteDatabase.Open(dataDirectory);
        Inbox = new SqliteInbox(clock, time, Options());
        Archive = archive ? new TouchpointArchive(Options()) : null;
        Store = new SqliteCustomerStore(Database, Signal, destinations ?? OutboxDestinations.OutboxOnly, archive: Archive);
        Updates = new CustomerUpdates(Store, Composer);
        var locks = new CustomerLocks();
        Timers = new TimerProcessing(Engine, Updates, locks, clock);
        Recording = new DeliveryRecording(Engine, Updates, locks, clock);
        Locks = locks;
        Ingestion = new TouchpointIngestion(Engine, Updates, locks, clock);
        DeadLetters = new SqliteDeadLetterStore(Database);
    }

    public string DataDirectory { get; }
    public FakeTimeProvider Time { get; }
    public SqliteDatabase Database { get; }
    public SqliteCustomerStore Store { get; }
    public TimerSignal Signal { get; } = new();
    public FakeComposer Composer { get; } = new();
    public CustomerUpdates Updates { get; }
    public TimerProcessing Timers { get; }
    public DeliveryRecording Recording { get; }
    public TouchpointIngestion Ingestion { get; }
    CustomerLocks Locks { get; }
    public SqliteInbox Inbox { get; }
    public TouchpointArchive? Archive { get; }
    public SqliteDeadLetterStore DeadLetters { get; }

    /// <summary>A known customer with an email address puts a mug in the cart now: step 1 is armed an hour later.</summary>
    public Task AbandonCartAsync(string customerId)
    {
        var who = CustomerRef.Known(customerId);
        var at = clock.Now();
        Touchpoint[] touchpoints =
        [
            new CustomerIdentified(new TouchpointId(customerId + "-identified"), who, at, null, customerId + "@example.test", null, null, null, null),
            new CartItemAdded(new TouchpointId(customerId + "-added"), who, at, null, new ProductInfo("mug", "Mug", 350m, "THB", null, null), 1),
        ];
        return Updates.UpdateAsync(who.Profile, state =>
        {
            var effects = new List<Effect>();
            foreach (var touchpoint in touchpoints)
            {
                var decision = Engine.Decide(state, touchpoint, at);
                state = decision.State;
                effects.AddRange(decision.Effects);
            }
            return new Decision(state, effects);
        }, null, CancellationToken.None);
    }

    public SqliteTimerPump Pump(TimeSpan? pollInterval = null) => new(
        Database, Timers, Inbox, Signal, Time, Options(pollInterval), Pseudonyms, NullLogger<SqliteTimerPump>.Instance);

    /// <summary>The inbox pump over this shop's inbox, deciding with <paramref name="ingestion"/> (this shop's own by default).</summary>
    public InboxPump InboxPump(TouchpointIngestion? ingestion = null, TimeSpan? pollInterval = null) => new(
        Inbox, ingestion ?? Ingestion, DeadLetters, Time, Options(pollInterval), NullLogger<InboxPump>.Instance, Archive);

    /// <summary>Runs the inbox pump until everything acknowledged so far is decided, then stops it.</summary>
    public async Task PumpUntilDecidedAsync(TouchpointIngestion? ingestion = null)
    {
        using var pump = InboxPump(ingestion, TimeSpan.FromMilliseconds(10));
        await pump.StartAsync(CancellationToken.None);
        // The wait runs on the fake clock, which Eventually moves 100 ms a poll: a day there outlasts Eventually's own
        // limit in real time, which is the one that bounds this (30 s ran out in ~3 s of real time).
        var decided = Inbox.WaitDecidedAsync(TimeSpan.FromDays(1));
        await Eventually.Holds(() => decided.IsCompleted, Time, TimeSpan.FromMilliseconds(100), "the inbox decided");
        Assert.True(await decided);
        await pump.StopAsync(CancellationToken.None);
    }

    /// <summary>The application's ingestion over another store (one that fails on purpose, say).</summary>
    public TouchpointIngestion IngestionOver(ICustomerStore store) => new(Engine, new CustomerUpdates(store, Composer), Locks, clock);

    StandaloneOptions Options(TimeSpan? pollInterval = null) =>
        new() { DataDirectory = DataDirectory, TimerPollInterval = pollInterval ?? TimeSpan.FromSeconds(1), InboxMaxBacklog = inboxMaxBacklog, ArchiveTouchpoints = archive };

    /// <summary>The outbox dispatcher over this shop's outbox, polling every 20 ms, on the real clock (the senders' clock).</summary>
    public OutboxDispatcher Dispatcher(IEmailSender? email, IPushSender? push = null, DeliveryPolicy? policy = null, ILoggerProvider? logs = null) => new(
        Database, email, push, Recording, new LateSendCheck(Engine, Updates, clock), Inbox,
        new StandaloneOptions { DataDirectory = DataDirectory, DeliveryPollInterval = TimeSpan.FromMilliseconds(20), Delivery = policy ?? DeliveryPolicy.Default },
        Time, Pseudonyms, logs is null ? NullLogger<OutboxDispatcher>.Instance : new LoggerFactory([logs]).CreateLogger<OutboxDispatcher>());

    public void Dispose()
    {
        Archive?.Dispose();
        Inbox.Dispose();
        Database.Dispose();
    }
}
