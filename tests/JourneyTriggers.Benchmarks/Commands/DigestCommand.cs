using System.Diagnostics;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Benchmarks.Workload;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>digest [--events N --customers M --days D --seed S --repeat R]</c>: replays the synthetic
/// stream once for the effect and customer-state digests (the before/after check of an
/// optimisation), then R more times for wall and CPU time, bytes allocated per event and GC
/// pauses — a fast loop while profiling; BenchmarkDotNet gives the numbers that are reported.
/// </summary>
internal static class DigestCommand
{
    public static int Run(Options options)
    {
        var shape = StreamShape.Week(options.Int("events", 200_000), options.Int("customers", 20_000),
            options.Int("days", 7), options.Int("seed", 42));
        var touchpoints = SyntheticStream.Generate(shape).ToArray();
        var engine = new JourneyEngine(DesignExample.Configuration());

        var digest = new EffectDigest();
        var effects = Replay.Run(engine, touchpoints, digest.Add, out var finished);
        Console.WriteLine($"{touchpoints.Length:N0} events -> {effects:N0} effects, sha256 {digest.Sha256()}");
        Console.WriteLine($"{finished.Customers.Count:N0} customer documents, sha256 {StateDigest.Sha256(finished.Customers)}");
        foreach (var (type, count) in digest.Counts) Console.WriteLine($"  {type,-20} {count,10:N0}");

        // Wall time and process CPU time, best of R: on shared cores CPU time wanders less than wall time.
        TimeSpan best = TimeSpan.MaxValue, bestCpu = TimeSpan.MaxValue;
        long allocated = 0;
        var pause = TimeSpan.Zero;
        int gen0 = 0, gen1 = 0, gen2 = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < options.Int("repeat", 3, min: 0); i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var pauseBefore = GC.GetTotalPauseDuration();
            (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            Replay.Run(engine, touchpoints);
            if (stopwatch.Elapsed < best) best = stopwatch.Elapsed;
            process.Refresh();
            if (process.TotalProcessorTime - cpuBefore < bestCpu) bestCpu = process.TotalProcessorTime - cpuBefore;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            pause = GC.GetTotalPauseDuration() - pauseBefore;
            (gen0, gen1, gen2) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        }
        if (best != TimeSpan.MaxValue)
            Console.WriteLine($"best replay {best.TotalMilliseconds:F0} ms wall = {touchpoints.Length / best.TotalSeconds:N0} events/s, " +
                              $"{bestCpu.TotalMilliseconds:F0} ms CPU = {touchpoints.Length / bestCpu.TotalSeconds:N0} events/s, " +
                              $"{allocated / touchpoints.Length:N0} B allocated/event; last replay: GC pauses {pause.TotalMilliseconds:F0} ms, " +
                              $"collections gen0/1/2 {gen0}/{gen1}/{gen2}");
        return 0;
    }
}
