using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Benchmarks.Workload;

/// <summary>What <c>simulate</c> does minus the I/O: every touchpoint in arrival order, then timers to the default --until.</summary>
public static class Replay
{
    /// <summary>DESIGN 4.4: --until defaults to 30 days after the latest event timestamp.</summary>
    public static readonly Duration DefaultHorizon = Duration.FromDays(30);

    /// <summary>Replays the stream; each effect goes to <paramref name="sink"/> (null: counted only).</summary>
    public static long Run(JourneyEngine engine, IEnumerable<Touchpoint> touchpoints, Action<Effect>? sink = null) =>
        Run(engine, touchpoints, sink, out _);

    /// <summary>The same, handing back the finished run for a look at the customer documents it left.</summary>
    public static long Run(JourneyEngine engine, IEnumerable<Touchpoint> touchpoints, Action<Effect>? sink, out ReplayRun run)
    {
        run = new ReplayRun(engine);
        long effects = 0;
        foreach (var touchpoint in touchpoints) effects += Drain(run.Accept(touchpoint), sink);
        if (run.LatestTimestamp is { } latest) effects += Drain(run.RunUntil(latest + DefaultHorizon), sink);
        return effects;
    }

    static int Drain(IReadOnlyList<Effect> effects, Action<Effect>? sink)
    {
        if (sink is not null)
            foreach (var effect in effects) sink(effect);
        return effects.Count;
    }
}
