using System.Diagnostics.Tracing;
using System.Text.Json;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Benchmarks.Workload;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>allocations [--events N --customers M --seed S --top K]</c>: which types a replay allocates
/// most, from the runtime's allocation-tick samples (one per ~100 KB allocated). The profiler that
/// works on any host with no tool installed: this is how the engine's hot allocations were found.
/// With <c>--lines FILE</c> it samples reading that file instead: each line parsed and normalised, as
/// <c>simulate</c> reads its input, which is how the normaliser's were found.
/// </summary>
internal static class AllocationsCommand
{
    public static int Run(Options options)
    {
        if (options.String("lines") is { } lines) return Lines(lines, options.Int("top", 25));
        var shape = StreamShape.Week(options.Int("events", 200_000), options.Int("customers", 20_000), seed: options.Int("seed", 42));
        var touchpoints = SyntheticStream.Generate(shape).ToArray();
        var engine = new JourneyEngine(DesignExample.Configuration());
        Replay.Run(engine, touchpoints); // warm up, so the samples are of the steady state, not the JIT

        using var listener = new AllocationTicks();
        Replay.Run(engine, touchpoints);
        listener.Stop();

        Report(listener.Bytes, touchpoints.Length, options.Int("top", 25));
        return 0;
    }

    static int Lines(string path, int top)
    {
        var lines = File.ReadAllLines(path);
        Normalise(lines); // warm up
        using var listener = new AllocationTicks();
        Normalise(lines);
        listener.Stop();
        Report(listener.Bytes, lines.Length, top);
        return 0;
    }

    static void Normalise(string[] lines)
    {
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            TouchpointNormaliser.Read(document.RootElement, now: null);
        }
    }

    internal static void Report(Dictionary<string, long> sampled, int events, int top)
    {
        var total = sampled.Values.Sum();
        Console.WriteLine($"~{total / events:N0} B/event sampled; by type:");
        foreach (var (type, bytes) in sampled.OrderByDescending(p => p.Value).Take(top))
            Console.WriteLine($"  {bytes / events,6:N0} B/event  {100.0 * bytes / total,5:F1}%  {type}");
    }

    /// <summary>Listens to GCAllocationTick (event 10): each names the type of the allocation that crossed the sampling threshold.</summary>
    internal sealed class AllocationTicks : EventListener
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
