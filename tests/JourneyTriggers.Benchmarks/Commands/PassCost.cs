using System.Diagnostics;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// What one pass of a stages command cost the process: wall and CPU time, bytes allocated, collections and their
/// pauses. Collects first, so the pass does not pay for the garbage of the one before.
/// </summary>
internal sealed class PassCost
{
    readonly Process process = Process.GetCurrentProcess();
    readonly TimeSpan cpu;
    readonly long allocated;
    readonly int gen0, gen1, gen2;
    readonly TimeSpan pause;
    readonly Stopwatch wall;

    PassCost()
    {
        cpu = process.TotalProcessorTime;
        allocated = GC.GetTotalAllocatedBytes(precise: true);
        (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        pause = GC.GetTotalPauseDuration();
        wall = Stopwatch.StartNew();
    }

    public static PassCost Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new PassCost();
    }

    public TimeSpan Wall => wall.Elapsed;

    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime - cpu;
        }
    }

    public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - allocated;

    /// <summary><c>GC 12/3/0 pause 0.04 s</c>: collections of each generation since the start, and their pauses.</summary>
    public string Collections =>
        $"GC {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s";
}
