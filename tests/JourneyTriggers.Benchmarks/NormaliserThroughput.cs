using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Benchmarks;

/// <summary>
/// What <see cref="TouchpointNormaliser.Read"/> costs per event, on already-parsed events of the synthetic
/// stream in the mix the collector meets (<see cref="MixedFormatLines"/>): native, Segment and CloudEvents.
/// Parsing is out on purpose; Mean and Allocated are per event.
/// </summary>
[Config(typeof(Config))]
public class NormaliserThroughput
{
    const int Events = 20_000;

    JsonDocument[] documents = null!;

    [GlobalSetup]
    public void Setup()
    {
        var touchpoints = SyntheticStream.Generate(StreamShape.Week(Events, Events / 5));
        documents = [.. MixedFormatLines.Build(touchpoints).Select(line => JsonDocument.Parse(line))];
        // A benchmark of refusals would measure the wrong path: every line must read as a touchpoint.
        if (Read() != documents.Length) throw new InvalidOperationException("A line of the mix was rejected.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in documents) document.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Read()
    {
        var accepted = 0;
        foreach (var document in documents)
            if (TouchpointNormaliser.Read(document.RootElement, now: null) is TouchpointReading.Accepted) accepted++;
        return accepted;
    }

    sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process: a per-event cost this small needs no isolated process, and so no project build per run.
            // BenchmarkDotNet's own warm-up and iteration counts: on a shared machine fixed short counts were bimodal.
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(new EventsPerSecondColumn(), StatisticColumn.Median, StatisticColumn.Min);
        }
    }
}
