using System.Diagnostics.Tracing;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Benchmarks.Workload;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>allocations [--events N --customers M --seed S --top K]</c>: which types a replay allocates
/// most, from the runtime's allocation-tick samples (one per ~100 KB allocated). The profiler that
/// works on any host with no tool installed: this is how the engine's hot allocations were found.
/// </summary>
internal static class AllocationsCommand
{
    public static int Run(Options options)
    {
        var shape = StreamShape.Week(options.Int("events", 200_000), options.Int("customers", 20_000), seed: options.Int("seed", 42));
        var touchpoints = SyntheticStream.Generate(shape).ToArray();
        var engine = new JourneyEngine(DesignExample.Configuration());
        Replay.Run(engine, touchpoints); // warm up, so the samples are of the steady state, not the JIT

        using var listener = new AllocationTicks();
        Replay.Run(engine, touchpoints);
        listener.Stop();

        var total = listener.Bytes.Values.Sum();
        Console.WriteLine($"~{total / touchpoints.Length:N0} B/event sampled; by type:");
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(p => p.Value).Take(options.Int("top", 25)))
            Console.WriteLine($"  {bytes / touchpoints.Length,6:N0} B/event  {100.0 * bytes / total,5:F1}%  {type}");
        return 0;
    }

    /// <summary>Listens to GCAllocationTick (event 10): each names the type of the allocation that crossed the sampling threshold.</summary>
    sealed class AllocationTicks : EventListener
    {
        const EventKeywords GcKeyword = (EventKeywords)0x1;
        volatile bool stopped;

        public Dictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

        public void Stop() => stopped = true;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (stopped || e.EventId != 10 || e.Payload is null) return;
            var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            lock (Bytes) Bytes[type] = Bytes.GetValueOrDefault(type) + amount;
        }
    }
}
