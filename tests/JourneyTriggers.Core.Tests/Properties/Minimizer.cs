using JourneyTriggers.Core.Tests.Properties.Audit;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>
/// CsCheck shrinks by regenerating smaller inputs, which leaves bystander events in a long stream.
/// When a case fails, this drops events one at a time while the failure persists, so the report ends
/// with the few events that matter. It only runs to print the final counterexample.
/// </summary>
internal static class Minimizer
{
    /// <summary>The smallest stream (greedily) that still fails, events removed one at a time.</summary>
    public static StreamCase Shrink(StreamCase input, Func<StreamCase, bool> fails)
    {
        var events = input.Events;
        for (var removed = true; removed;)
        {
            removed = false;
            for (var i = events.Length - 1; i >= 0; i--)
            {
                var candidate = input with { Events = events.RemoveAt(i) };
                if (!Fails(fails, candidate)) continue;
                events = candidate.Events;
                removed = true;
            }
        }
        return input with { Events = events };
    }

    /// <summary>For CsCheck's <c>print</c>: the shrunk case, then the minimal one with its audit trace.</summary>
    public static string Report(StreamCase input, Rule rule)
    {
        var minimal = Shrink(input, c => JourneyAudit.Run(c).Violations.Any(v => v.Rule == rule));
        return CasePrinter.Print(input) + "\nMinimal stream still breaking " + rule + ":" + CasePrinter.Print(minimal)
            + "\n" + Describe(() => JourneyAudit.Run(minimal).AssertHolds(rule));
    }

    /// <summary>The same for the copy property: keeps the copy, drops what else it can.</summary>
    public static string ReportCopy(StreamCase withCopy, int copyAt, Func<StreamCase, int, bool> fails)
    {
        var events = withCopy.Events;
        for (var removed = true; removed;)
        {
            removed = false;
            for (var i = events.Length - 1; i >= 0; i--)
            {
                if (i == copyAt) continue;
                var at = i < copyAt ? copyAt - 1 : copyAt;
                var candidate = withCopy with { Events = events.RemoveAt(i) };
                // The copy must stay a copy: its original has to remain before it.
                if (!candidate.Events.Take(at).Any(e => e.Id == events[copyAt].Id)) continue;
                if (!Fails(c => fails(c, at), candidate)) continue;
                (events, copyAt, removed) = (candidate.Events, at, true);
            }
        }
        var minimal = withCopy with { Events = events };
        return $"copy delivered as #{copyAt + 1}:" + CasePrinter.Print(withCopy)
            + $"\nMinimal stream, copy delivered as #{copyAt + 1}:" + CasePrinter.Print(minimal)
            + "\nWithout the copy:\n" + string.Join("\n", Replays.Simulate(minimal with { Events = events.RemoveAt(copyAt) }).Effects.Select(Support.Scenario.Describe))
            + "\nWith the copy:\n" + string.Join("\n", Replays.Simulate(minimal).Effects.Select(Support.Scenario.Describe));
    }

    /// <summary>A candidate that throws some other way is not the failure being minimised.</summary>
    static bool Fails(Func<StreamCase, bool> fails, StreamCase candidate)
    {
        try { return fails(candidate); }
        catch (Exception) { return false; }
    }

    static string Describe(Action assert)
    {
        try { assert(); return ""; }
        catch (Exception e) { return e.Message; }
    }
}
