using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Timers;
using NodaTime;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>ingest-stages [--events N --customers M --seed S --batch B --window W --connections K --pump-batch P --document-cache-mb C]</c>: what the
/// standalone service's two halves cost per event, in process and without HTTP, on a fixed workload (the <c>load</c>
/// command's stream and request bodies, timestamps squeezed onto W seconds from now), so that a change to either half
/// can be compared by CPU and bytes per event without the noise of a closed loop sharing two cores with its load generator.
/// <b>collect</b>: K workers normalise the request bodies and hand them to the inbox (<see cref="SqliteInbox"/>, as the
/// collector does before its 202); <b>decide</b>: the same touchpoints, in body order and P at a time, through the pump's
/// <see cref="TouchpointIngestion"/> into the SQLite customer store with the default configuration and the shipped templates,
/// at a clock that follows the events (as the pump, moments behind the collector), the store keeping C MiB of documents in memory
/// (the service's <c>Standalone:DocumentCacheMegabytes</c>; its default when not given). Not measured: Kestrel, the pump's
/// removal of decided rows, and the timer and outbox pumps. With <c>--allocations K</c>, each stage also lists the K types it
/// allocates most (allocation-tick samples, as the <c>allocations</c> command).
/// </summary>
internal static class IngestStagesCommand
{
    public static int Run(Options options)
    {
        var events = options.Int("events", 300_000);
        var customers = options.Int("customers", 10_000);
        var seed = options.Int("seed", 7);
        var batch = options.Int("batch", 100);
        var window = options.Int("window", 300);
        var connections = options.Int("connections", 4);
        var pumpBatch = options.Int("pump-batch", 16_384);
        var top = options.Int("allocations", 0, min: 0);
        var cacheMegabytes = options.Int("document-cache-mb", (int)(StandaloneOptions.DefaultDocumentCacheBytes / (1024 * 1024)), min: 0);
        var bodies = LoadCommand.Bodies(StreamShape.Week(events, customers, 7, seed), batch, TimeSpan.FromSeconds(window));
        // A tenth of the bodies first, unreported, in a data folder of its own: the JIT's tiers then no longer count.
        // Every body holds `batch` events but the last.
        var warmup = bodies[..Math.Max(1, bodies.Count / 10)];
        RunOnce(warmup, Math.Min(warmup.Count * batch, events), connections, pumpBatch, cacheMegabytes, top: 0, report: false);
        RunOnce(bodies, events, connections, pumpBatch, cacheMegabytes, top, report: true);
        return 0;
    }

    static void RunOnce(List<byte[]> bodies, int events, int connections, int pumpBatch, int cacheMegabytes, int top, bool report)
    {
        var data = Directory.CreateTempSubdirectory("jt-ingest-stages-");
        try
        {
            var clock = new SettableTime(DateTimeOffset.UtcNow);
            // Nothing decides while the collect stage runs: the inbox must take every event.
            var standalone = new StandaloneOptions { DataDirectory = data.FullName, InboxMaxBacklog = events + 1, DocumentCacheBytes = cacheMegabytes * 1024L * 1024 };
            using var inbox = new SqliteInbox(new HostClock(TimeProvider.System), TimeProvider.System, standalone);
            using var database = SqliteDatabase.Open(data.FullName);
            var store = new SqliteCustomerStore(database, new TimerSignal(), new OutboxDestinations(Email: false, Push: false),
                inbox: inbox, documentCacheBytes: standalone.DocumentCacheBytes);
            var configuration = DefaultConfiguration();
            var composer = new LiquidReminderComposer(new ReminderTemplates(), UnsubscribeTokens.FromBase64(UnsubscribeTokens.GenerateKey()),
                new MessageOptions(), configuration.Defaults.Locale, configuration.Defaults.Currency);
            var ingestion = new TouchpointIngestion(new JourneyEngine(configuration), new CustomerUpdates(store, composer), new CustomerLocks(), new HostClock(clock));

            var read = new IReadOnlyList<TouchpointReading>[bodies.Count];
            Measure("collect", events, top, report, () => Collect(bodies, read, inbox, connections));
            Measure("decide", events, top, report, () => Decide(read, pumpBatch, ingestion, clock));
            if (report) Console.WriteLine($"{events:N0} events; customers file {new FileInfo(database.Path).Length / 1e6:F0} MB, its WAL {new FileInfo(database.Path + "-wal").Length / 1e6:F0} MB");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    static async Task Collect(List<byte[]> bodies, IReadOnlyList<TouchpointReading>[] read, SqliteInbox inbox, int connections)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
            {
                read[i] = TouchpointNormaliser.ReadBody(bodies[i], SystemClock.Instance.GetCurrentInstant());
                await inbox.ReceiveAsync(read[i]);
            }
        })));
    }

    static async Task Decide(IReadOnlyList<TouchpointReading>[] read, int pumpBatch, TouchpointIngestion ingestion, SettableTime clock)
    {
        var pending = new List<TouchpointReading>(pumpBatch);
        var latest = Instant.MinValue;
        foreach (var body in read)
        {
            foreach (var reading in body)
                if (reading is TouchpointReading.Accepted { Touchpoint.Timestamp: var at } && at > latest) latest = at;
            pending.AddRange(body);
            if (pending.Count >= pumpBatch) await DecideBatch();
        }
        if (pending.Count > 0) await DecideBatch();

        async Task DecideBatch()
        {
            // The pump decides moments after the collector: the clock stands at the batch's latest event.
            clock.Now = latest.ToDateTimeOffset();
            await ingestion.IngestAsync(pending, CancellationToken.None);
            pending.Clear();
        }
    }

    static void Measure(string stage, int events, int top, bool report, Func<Task> work)
    {
        if (!report)
        {
            work().GetAwaiter().GetResult();
            return;
        }
        // For a profiler to attach to one stage: the line comes before the stage starts.
        Console.Error.WriteLine($"{stage}: starting");
        using var ticks = top > 0 ? new AllocationsCommand.AllocationTicks() : null;
        var cost = PassCost.Start();
        work().GetAwaiter().GetResult();
        var (wall, used, allocated) = (cost.Wall, cost.Cpu, cost.Allocated);
        Console.WriteLine($"{stage,-8} {wall.TotalSeconds,6:F2} s wall {used.TotalSeconds,6:F2} s CPU {used.TotalMicroseconds / events,6:F1} us/event " +
                          $"{allocated / (double)events,8:F0} B/event  {cost.Collections}");
        if (ticks is null) return;
        ticks.Stop();
        AllocationsCommand.Report(ticks.Bytes, events, top);
    }

    static TriggerConfiguration DefaultConfiguration() =>
        ConfigurationLoader.Load(File.ReadAllBytes(RepositoryFiles.PathOf("functions/JourneyTriggers.Functions/Defaults/triggers.json"))) is ConfigurationLoadResult.Loaded loaded
            ? loaded.Configuration
            : throw new InvalidOperationException("The shipped default configuration does not load.");

    sealed class SettableTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
