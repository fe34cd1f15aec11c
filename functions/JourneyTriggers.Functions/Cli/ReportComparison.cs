using System.Globalization;
using System.Text;
using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Lines up two reports row by row (trigger, then its step, branch, variant and channel rows) and
/// lists each figure that differs, absolute and relative, and each lift that differs with both
/// intervals, which side is better and whether the intervals overlap.
/// </summary>
internal static class ReportComparison
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A figure that differs; <see cref="HigherIsBetter"/> says which way is good (null: neither).</summary>
    internal sealed record FigureDifference(string Trigger, string Row, string Figure, double? A, double? B, bool? HigherIsBetter);

    internal sealed record LiftDifference(string Trigger, string Row, LiftEstimate A, LiftEstimate B);

    internal sealed record Differences(IReadOnlyList<FigureDifference> Figures, IReadOnlyList<LiftDifference> Lifts)
    {
        public int Count => Figures.Count + Lifts.Count;
    }

    public static Differences Compare(MetricsReport a, MetricsReport b)
    {
        var figures = new List<FigureDifference>();
        var lifts = new List<LiftDifference>();
        var names = a.Triggers.Select(t => t.Trigger).Concat(b.Triggers.Select(t => t.Trigger)).Distinct().ToList();
        foreach (var name in names)
        {
            var ta = a.Triggers.FirstOrDefault(t => t.Trigger == name);
            var tb = b.Triggers.FirstOrDefault(t => t.Trigger == name);
            void Figure(string row, string figure, double? x, double? y, bool? higherIsBetter)
            {
                if (x != y) figures.Add(new FigureDifference(name, row, figure, x, y, higherIsBetter));
            }
            Figure("all", "entered", ta?.Entered, tb?.Entered, null);
            Figure("all", "abandoned", ta?.Abandoned, tb?.Abandoned, null);
            Figure("all", "abandonment rate", ta?.AbandonmentRate, tb?.AbandonmentRate, false);
            CompareRow(name, "all", ta?.Messages, tb?.Messages, ta?.Outcome, tb?.Outcome, Figure, lifts);
            foreach (var (row, x, y) in Rows(ta, tb))
            {
                CompareRow(name, row, x?.Messages, y?.Messages, x?.Outcome, y?.Outcome, Figure, lifts);
                if (x?.VersusControl?.Lift is { } vx && y?.VersusControl?.Lift is { } vy && !SameFigures(vx, vy))
                    lifts.Add(new LiftDifference(name, $"{row} vs control {y.VersusControl.Control}", vx, vy));
            }
        }
        return new Differences(figures, lifts);
    }

    delegate void FigureSink(string row, string figure, double? a, double? b, bool? higherIsBetter);

    static void CompareRow(string trigger, string row, MessageCounts? ma, MessageCounts? mb, Outcome? oa, Outcome? ob, FigureSink figure, List<LiftDifference> lifts)
    {
        figure(row, "due", ma?.Due, mb?.Due, null);
        figure(row, "sent", ma?.Sent, mb?.Sent, null);
        figure(row, "suppressed", ma?.Suppressed.Values.Sum(), mb?.Suppressed.Values.Sum(), null);
        figure(row, "deferred", ma?.Deferred, mb?.Deferred, null);
        figure(row, "treated conversions", oa?.Treated.Conversions, ob?.Treated.Conversions, true);
        figure(row, "treated conversion rate", oa?.Treated.ConversionRate, ob?.Treated.ConversionRate, true);
        figure(row, "holdout conversion rate", oa?.Holdout.ConversionRate, ob?.Holdout.ConversionRate, null);
        figure(row, "recovered revenue", (double?)oa?.Treated.Revenue, (double?)ob?.Treated.Revenue, true);
        figure(row, "incremental conversions", oa?.Incremental.Conversions, ob?.Incremental.Conversions, true);
        figure(row, "incremental revenue", (double?)oa?.Incremental.Revenue, (double?)ob?.Incremental.Revenue, true);
        if (oa?.Lift is { } la && ob?.Lift is { } lb && !SameFigures(la, lb)) lifts.Add(new LiftDifference(trigger, row, la, lb));
    }

    /// <summary>Two undefined lifts with different reasons are not a difference a marketer can act on.</summary>
    static bool SameFigures(LiftEstimate a, LiftEstimate b) => a.Value == b.Value && a.Low == b.Low && a.High == b.High;

    /// <summary>The breakdown rows of both sides, matched by their dimensions; a row only one side has pairs with null.</summary>
    static IEnumerable<(string Row, BreakdownRow? A, BreakdownRow? B)> Rows(TriggerReport? a, TriggerReport? b)
    {
        var all = (a is null ? [] : a.Steps.Concat(a.Branches).Concat(a.Variants).Concat(a.Channels)).Select(r => (Side: 0, Row: r))
            .Concat((b is null ? [] : b.Steps.Concat(b.Branches).Concat(b.Variants).Concat(b.Channels)).Select(r => (Side: 1, Row: r)));
        foreach (var group in all.GroupBy(x => Label(x.Row)))
            yield return (group.Key, group.FirstOrDefault(x => x.Side == 0).Row, group.FirstOrDefault(x => x.Side == 1).Row);
    }

    static string Label(BreakdownRow row) =>
        row.Channel is { } channel ? $"channel {channel}"
        : string.Join(" ", new[] { $"step {row.Step}", row.Branch is { } br ? $"branch {br}" : null, row.Variant is { } v ? $"variant {v}" : null }.OfType<string>());

    public static string Format(string nameA, string nameB, MetricsReport a, MetricsReport b, Differences differences)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"A = {nameA} ({a.From:yyyy-MM-dd} .. {a.To:yyyy-MM-dd}), B = {nameB} ({b.From:yyyy-MM-dd} .. {b.To:yyyy-MM-dd})");
        if (a.Currency != b.Currency) text.AppendLine(Invariant, $"Warning: A reports revenue in {a.Currency}, B in {b.Currency}.");
        if (differences.Count == 0)
        {
            text.AppendLine("No differences.");
            return text.ToString();
        }
        if (differences.Figures.Count > 0)
        {
            var rows = new List<string[]> { new[] { "trigger", "row", "figure", "A", "B", "B - A", "change", "better" } };
            foreach (var d in differences.Figures)
                rows.Add([d.Trigger, d.Row, d.Figure, Value(d.A), Value(d.B), Delta(d.A, d.B), Relative(d.A, d.B), Better(d.A, d.B, d.HigherIsBetter)]);
            ReportSummary.AppendTable(text, rows);
        }
        if (differences.Lifts.Count > 0)
        {
            text.AppendLine();
            var rows = new List<string[]> { new[] { "trigger", "row", "lift A [95% CI]", "lift B [95% CI]", "better", "intervals overlap" } };
            foreach (var d in differences.Lifts)
                rows.Add([d.Trigger, d.Row, ReportSummary.Lift(d.A), ReportSummary.Lift(d.B), Better(d.A.Value, d.B.Value, true), Overlap(d.A, d.B)]);
            ReportSummary.AppendTable(text, rows);
            text.AppendLine("Overlapping intervals: the difference between A and B may be chance.");
        }
        return text.ToString();
    }

    static string Value(double? value) => value?.ToString("0.######", Invariant) ?? "n/a";

    static string Delta(double? a, double? b) => a is { } x && b is { } y ? (y - x).ToString("+0.######;-0.######;0", Invariant) : "n/a";

    static string Relative(double? a, double? b) =>
        a is { } x && b is { } y && x != 0 ? ((y - x) / Math.Abs(x) * 100).ToString("+0.#;-0.#;0", Invariant) + " %" : "n/a";

    static string Better(double? a, double? b, bool? higherIsBetter) =>
        higherIsBetter is not { } higher || a is not { } x || b is not { } y || x == y ? "" : (y > x) == higher ? "B" : "A";

    static string Overlap(LiftEstimate a, LiftEstimate b) =>
        a.Low is { } al && a.High is { } ah && b.Low is { } bl && b.High is { } bh
            ? al <= bh && bl <= ah ? "yes" : "no"
            : "n/a";
}
