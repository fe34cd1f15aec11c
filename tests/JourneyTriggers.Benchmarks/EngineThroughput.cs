using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Benchmarks.Workload;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Benchmarks;

/// <summary>
/// How many already-parsed touchpoints the engine decides per second on one core, with the
/// DESIGN 4.3 configuration. Parsing and I/O are out on purpose: this is the ceiling the hosts
/// and <c>simulate</c> build on. Mean and Allocated are per event.
/// </summary>
[Config(typeof(Config))]
public class EngineThroughput
{
    // A fifth of the default week: an operation takes a fraction of a second, the mix and the mess are the same.
    const int Events = 200_000;
    const int Customers = 20_000;
    const int DecideSample = 50_000;

    JourneyEngine engine = null!;
    Touchpoint[] touchpoints = null!;
    (CustomerState State, Touchpoint Touchpoint, Instant Now)[] decisions = null!;

    // One setup per benchmark: the replay's process should not carry the warm states Decide needs,
    // since a bigger old generation makes the replay's own collections dearer.
    [GlobalSetup(Target = nameof(Replay))]
    public void SetupReplay()
    {
        engine = new JourneyEngine(DesignExample.Configuration());
        touchpoints = SyntheticStream.Generate(StreamShape.Week(Events, Customers)).ToArray();
    }

    [GlobalSetup(Target = nameof(Decide))]
    public void SetupDecide()
    {
        SetupReplay();
        decisions = WarmDecisions();
    }

    /// <summary>The whole stream through a fresh replay (routing, merges, virtual timers), then timers to latest + 30 days.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Replay() => Workload.Replay.Run(engine, touchpoints);

    /// <summary>
    /// Only <see cref="JourneyEngine.Decide"/>: the last events of the stream, each against its
    /// customer's state as the replay left it just before them. No timers, no routing, no dictionary.
    /// Every operation decides on the same states again, so nearly every dedupe window is copied
    /// (a fork) rather than appended to in place — the cost a host pays that loads the document per event.
    /// </summary>
    [Benchmark(OperationsPerInvoke = DecideSample)]
    public int Decide()
    {
        var effects = 0;
        foreach (var (state, touchpoint, now) in decisions) effects += engine.Decide(state, touchpoint, now).Effects.Count;
        return effects;
    }

    (CustomerState, Touchpoint, Instant)[] WarmDecisions()
    {
        var run = new ReplayRun(engine);
        foreach (var touchpoint in touchpoints.AsSpan(0, Events - DecideSample)) run.Accept(touchpoint);
        var clock = run.LatestTimestamp!.Value;
        var sample = new (CustomerState, Touchpoint, Instant)[DecideSample];
        for (var i = 0; i < DecideSample; i++)
        {
            var touchpoint = touchpoints[Events - DecideSample + i];
            if (touchpoint.Timestamp > clock) clock = touchpoint.Timestamp;
            sample[i] = (StateFor(run, touchpoint), touchpoint, clock);
        }
        return sample;
    }

    /// <summary>The document the replay would decide this touchpoint on, following a merged visitor to the known customer.</summary>
    static CustomerState StateFor(ReplayRun run, Touchpoint touchpoint)
    {
        var owner = ProfileRouting.OwnerOf(touchpoint);
        var state = run.Customers.GetValueOrDefault(owner.Profile) ?? CustomerState.New(owner);
        return state.MergedInto is { } known
            ? run.Customers.GetValueOrDefault(ProfileKey.ForCustomer(known)) ?? CustomerState.New(CustomerRef.Known(known))
            : state;
    }

    sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short on purpose: two shared cores, a few minutes for the whole run. One invocation per
            // unroll, since a single replay already takes far longer than timer resolution matters.
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithUnrollFactor(1));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(new EventsPerSecondColumn(), StatisticColumn.Median, StatisticColumn.Min);
        }
    }
}
