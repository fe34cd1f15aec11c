using System.Globalization;
using System.Text;
using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Lines up two reports row by row (the report's own figures and days, then per trigger its step, branch, variant and
/// channel rows) and lists every figure that differs, absolute and relative, and each lift that differs with both
/// intervals, which side is better and whether the intervals overlap. Reports read in another currency or time zone
/// differ too: their figures do not measure the same thing.
/// </summary>
internal static class ReportComparison
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A figure that differs; <see cref="HigherIsBetter"/> says which way is good (null: neither).</summary>
    internal sealed record FigureDifference(string Trigger, string Row, string Figure, double? A, double? B, bool? HigherIsBetter);

    internal sealed record LiftDifference(string Trigger, string Row, LiftEstimate A, LiftEstimate B);

    /// <summary>Something that differs in words, not figures: a setting of the reports (<see cref="Why"/> says what follows), or a day.</summary>
    internal sealed record TextDifference(string What, string A, string B, string? Why = NotComparable);

    const string NotComparable = "their figures do not measure the same thing";

    internal sealed record Differences(IReadOnlyList<TextDifference> Texts, IReadOnlyList<FigureDifference> Figures, IReadOnlyList<LiftDifference> Lifts)
    {
        public int Count => Texts.Count + Figures.Count + Lifts.Count;
    }

    /// <summary>The trigger column of figures that belong to the whole report.</summary>
    const string WholeReport = "(report)";

    public static Differences Compare(MetricsReport a, MetricsReport b)
    {
        var texts = new List<TextDifference>();
        if (a.Currency != b.Currency) texts.Add(new TextDifference("currency", a.Currency, b.Currency));
        if (a.TimeZone != b.TimeZone) texts.Add(new TextDifference("time zone", a.TimeZone, b.TimeZone));
        if (a.Trigger != b.Trigger) texts.Add(new TextDifference("trigger filter", a.Trigger ?? "none", b.Trigger ?? "none"));
        if (a.Alert.Day != b.Alert.Day)
            texts.Add(new TextDifference("abandonment alert day", Day(a.Alert.Day), Day(b.Alert.Day), Why: null));
        if (a.Alert.ThresholdPercent != b.Alert.ThresholdPercent)
            texts.Add(new TextDifference("abandonment alert threshold", $"{a.Alert.ThresholdPercent.ToString(Invariant)} %", $"{b.Alert.ThresholdPercent.ToString(Invariant)} %"));
        var figures = new List<FigureDifference>();
        var lifts = new List<LiftDifference>();
        CompareWhole(a, b, (row, figure, x, y, higherIsBetter) =>
        {
            if (x != y) figures.Add(new FigureDifference(WholeReport, row, figure, x, y, higherIsBetter));
        });
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
            foreach (var reason in Keys(ta?.Exits, tb?.Exits))
                Figure("all", $"exited {reason}", Count(ta?.Exits, reason), Count(tb?.Exits, reason), null);
            CompareRow(name, "all", ta?.Messages, tb?.Messages, ta?.Outcome, tb?.Outcome, Figure, lifts);
            foreach (var (row, x, y) in Rows(ta, tb))
            {
                CompareRow(name, row, x?.Messages, y?.Messages, x?.Outcome, y?.Outcome, Figure, lifts);
                if (x?.VersusControl is { } cx && y?.VersusControl is { } cy && cx.Control != cy.Control)
                {
                    // Measured against different variants: the comparisons with control do not compare.
                    texts.Add(new TextDifference($"control of {name} {row}", cx.Control, cy.Control));
                    continue;
                }
                Figure(row, "rate difference vs control", x?.VersusControl?.RateDifference, y?.VersusControl?.RateDifference, true);
                if (x?.VersusControl?.Lift is { } vx && y?.VersusControl?.Lift is { } vy && !SameFigures(vx, vy))
                    lifts.Add(new LiftDifference(name, $"{row} vs control {y.VersusControl.Control}", vx, vy));
            }
        }
        return new Differences(texts, figures, lifts);
    }

    delegate void FigureSink(string row, string figure, double? a, double? b, bool? higherIsBetter);

    /// <summary>The figures of the whole report: carts, rejections, the funnel, each day and the abandonment alert.</summary>
    static void CompareWhole(MetricsReport a, MetricsReport b, FigureSink figure)
    {
        figure("all", "carts started", a.CartsStarted, b.CartsStarted, null);
        figure("all", "events rejected", a.EventsRejected, b.EventsRejected, false);
        foreach (var stage in a.Funnel.Stages.Select(s => s.Stage).Concat(b.Funnel.Stages.Select(s => s.Stage)).Distinct())
            figure("funnel", stage, a.Funnel.Stages.FirstOrDefault(s => s.Stage == stage)?.Count, b.Funnel.Stages.FirstOrDefault(s => s.Stage == stage)?.Count, null);
        figure("funnel", "order revenue", (double)a.Funnel.OrderRevenue, (double)b.Funnel.OrderRevenue, true);
        foreach (var day in a.Days.Select(d => d.Day).Concat(b.Days.Select(d => d.Day)).Distinct().Order())
        {
            var x = a.Days.FirstOrDefault(d => d.Day == day);
            var y = b.Days.FirstOrDefault(d => d.Day == day);
            var row = $"day {day:yyyy-MM-dd}";
            figure(row, "carts started", x?.CartsStarted, y?.CartsStarted, null);
            figure(row, "entered", x?.Entered, y?.Entered, null);
            figure(row, "abandoned", x?.Abandoned, y?.Abandoned, null);
            figure(row, "abandonment rate", x?.AbandonmentRate, y?.AbandonmentRate, false);
            figure(row, "sent", x?.Sent, y?.Sent, null);
            figure(row, "treated conversions", x?.Conversions, y?.Conversions, true);
            figure(row, "recovered revenue", (double?)x?.Revenue, (double?)y?.Revenue, true);
            figure(row, "holdout conversions", x?.HoldoutConversions, y?.HoldoutConversions, null);
        }
        figure("alert", "raised", a.Alert.Raised ? 1 : 0, b.Alert.Raised ? 1 : 0, false);
        figure("alert", "trailing days", a.Alert.TrailingDays, b.Alert.TrailingDays, null);
        figure("alert", "rate", a.Alert.Rate, b.Alert.Rate, false);
        figure("alert", "trailing mean", a.Alert.TrailingMean, b.Alert.TrailingMean, null);
    }

    static void CompareRow(string trigger, string row, MessageCounts? ma, MessageCounts? mb, Outcome? oa, Outcome? ob, FigureSink figure, List<LiftDifference> lifts)
    {
        figure(row, "due", ma?.Due, mb?.Due, null);
        figure(row, "sent", ma?.Sent, mb?.Sent, null);
        figure(row, "delivered", ma?.Delivered, mb?.Delivered, true);
        figure(row, "failed", ma?.Failed, mb?.Failed, false);
        figure(row, "unknown", ma?.Unknown, mb?.Unknown, false);
        figure(row, "suppressed", ma?.Suppressed.Values.Sum(), mb?.Suppressed.Values.Sum(), null);
        foreach (var reason in Keys(ma?.Suppressed, mb?.Suppressed))
            figure(row, $"suppressed {reason}", Count(ma?.Suppressed, reason), Count(mb?.Suppressed, reason), null);
        figure(row, "deferred", ma?.Deferred, mb?.Deferred, null);
        figure(row, "skipped", ma?.Skipped, mb?.Skipped, null);
        figure(row, "opens", ma?.Opens, mb?.Opens, true);
        figure(row, "clicks", ma?.Clicks, mb?.Clicks, true);
        figure(row, "treated eligible", oa?.Treated.Eligible, ob?.Treated.Eligible, null);
        figure(row, "treated converted", oa?.Treated.Converted, ob?.Treated.Converted, true);
        figure(row, "treated conversions", oa?.Treated.Conversions, ob?.Treated.Conversions, true);
        figure(row, "treated conversion rate", oa?.Treated.ConversionRate, ob?.Treated.ConversionRate, true);
        figure(row, "recovered revenue", (double?)oa?.Treated.Revenue, (double?)ob?.Treated.Revenue, true);
        figure(row, "holdout eligible", oa?.Holdout.Eligible, ob?.Holdout.Eligible, null);
        figure(row, "holdout converted", oa?.Holdout.Converted, ob?.Holdout.Converted, null);
        figure(row, "holdout conversions", oa?.Holdout.Conversions, ob?.Holdout.Conversions, null);
        figure(row, "holdout conversion rate", oa?.Holdout.ConversionRate, ob?.Holdout.ConversionRate, null);
        figure(row, "holdout revenue", (double?)oa?.Holdout.Revenue, (double?)ob?.Holdout.Revenue, null);
        figure(row, "incremental conversions", oa?.Incremental.Conversions, ob?.Incremental.Conversions, true);
        figure(row, "incremental revenue", (double?)oa?.Incremental.Revenue, (double?)ob?.Incremental.Revenue, true);
        if (oa?.Lift is { } la && ob?.Lift is { } lb && !SameFigures(la, lb)) lifts.Add(new LiftDifference(trigger, row, la, lb));
    }

    /// <summary>The keys of either side, in one order: a count only one side has compares with 0 on the other.</summary>
    static IEnumerable<string> Keys(IReadOnlyDictionary<string, long>? a, IReadOnlyDictionary<string, long>? b) =>
        (a?.Keys ?? []).Concat(b?.Keys ?? []).Distinct().Order(StringComparer.Ordinal);

    static double? Count(IReadOnlyDictionary<string, long>? counts, string key) => counts is null ? null : counts.GetValueOrDefault(key);

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
        foreach (var difference in differences.Texts)
            text.AppendLine(Invariant, $"The reports differ in {difference.What}: A {difference.A}, B {difference.B}{(difference.Why is { } why ? $"; {why}" : "")}.");
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

    static string Day(NodaTime.LocalDate? day) => day is { } d ? d.ToString("yyyy-MM-dd", Invariant) : "none";

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
