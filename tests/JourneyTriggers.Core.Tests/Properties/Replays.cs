using System.Collections.Immutable;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Tests.Properties.Generators;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>Runs a case the way <c>simulate</c> does: every event through a fresh run, then until <c>--until</c>.</summary>
internal static class Replays
{
    public static (IReadOnlyList<Effect> Effects, ReplayRun Run) Simulate(StreamCase input)
    {
        var run = new ReplayRun(new JourneyEngine(input.Configuration));
        var effects = new List<Effect>();
        foreach (var tp in input.Events) effects.AddRange(run.Accept(tp));
        effects.AddRange(run.RunUntil(input.Until));
        return (effects, run);
    }

    /// <summary>
    /// The same stream with a verbatim copy of event <paramref name="original"/> delivered before position
    /// <paramref name="at"/> — moved earlier where needed to stay inside the dedupe horizon of the
    /// original's first arrival (DESIGN 4.3.1 promises at least 7 days).
    /// </summary>
    public static (StreamCase Case, int At) WithCopy(StreamCase input, int original, int at)
    {
        var events = input.Events;
        var id = events[original].Id;
        var first = events.IndexOf(events.First(e => e.Id == id));
        while (at > original + 1 && ClockBefore(events, at) - ClockBefore(events, first + 1) >= StreamBuilder.CopyHorizon) at--;
        return (input with { Events = events.Insert(at, events[original]) }, at);
    }

    /// <summary>The replay clock once the first <paramref name="count"/> events are in: their latest timestamp.</summary>
    static Instant ClockBefore(ImmutableArray<Touchpoint> events, int count) =>
        events.Take(count).Max(e => e.Timestamp);
}
