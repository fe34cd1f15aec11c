using System.Globalization;
using System.Text;
using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Functions.Cli;

/// <summary>The report as a few aligned tables a marketer can read in a terminal.</summary>
internal static class ReportSummary
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(MetricsReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Metrics {report.From?.ToString("yyyy-MM-dd", Invariant) ?? "-"} .. {report.To?.ToString("yyyy-MM-dd", Invariant) ?? "-"} ({report.TimeZone}), revenue in {report.Currency}");
        text.AppendLine(Invariant, $"Carts started {report.CartsStarted}, events rejected {report.EventsRejected}");
        text.AppendLine(string.Join("  ->  ", report.Funnel.Stages.Select(s => $"{s.Stage} {s.Count}{FunnelChange(s.DropOff)}")));
        var rows = new List<string[]>
        {
            new[] { "trigger", "row", "entered", "due", "sent", "suppressed", "deferred", "conv T", "rate T", "conv H", "rate H", "lift [95% CI]", "incr. conv", "revenue T" },
        };
        foreach (var trigger in report.Triggers)
        {
            rows.Add(Row(trigger.Trigger, "all", trigger.Entered.ToString(Invariant), trigger.Messages, trigger.Outcome));
            foreach (var step in trigger.Steps) rows.Add(Row(trigger.Trigger, $"step {step.Step}", "", step.Messages, step.Outcome));
            foreach (var branch in trigger.Branches) rows.Add(Row(trigger.Trigger, $"step {branch.Step} {branch.Branch}", "", branch.Messages, branch.Outcome));
            foreach (var variant in trigger.Variants)
                rows.Add(Row(trigger.Trigger, $"step {variant.Step} {variant.Branch}{(variant.Branch is null ? "" : " ")}variant {variant.Variant}", "", variant.Messages, variant.Outcome));
            foreach (var channel in trigger.Channels) rows.Add(Row(trigger.Trigger, channel.Channel!, "", channel.Messages, channel.Outcome));
        }
        AppendTable(text, rows);
        text.AppendLine(report.Alert.Raised
            ? $"ALERT: abandonment rate {Percent(report.Alert.Rate!.Value)} on {report.Alert.Day:yyyy-MM-dd} is more than {report.Alert.ThresholdPercent.ToString(Invariant)} % above the trailing mean {Percent(report.Alert.TrailingMean!.Value)}"
            : $"Abandonment alert: not raised{(report.Alert.Reason is { } reason ? $" ({reason})" : "")}");
        return text.ToString();
    }

    static string[] Row(string trigger, string row, string entered, MessageCounts m, Outcome o) =>
    [
        trigger, row, entered, N(m.Due), N(m.Sent), N(m.Suppressed.Values.Sum()), N(m.Deferred),
        N(o.Treated.Converted), Rate(o.Treated.ConversionRate), N(o.Holdout.Converted), Rate(o.Holdout.ConversionRate),
        Lift(o.Lift), o.Incremental.Conversions?.ToString("0.##", Invariant) ?? "n/a", o.Treated.Revenue.ToString("0.##", Invariant),
    ];

    internal static string Lift(LiftEstimate lift) => lift.Value switch
    {
        null => "n/a",
        { } value when lift.Low is { } low && lift.High is { } high => $"{SignedPercent(value)} [{SignedPercent(low)}, {SignedPercent(high)}]",
        { } value => $"{SignedPercent(value)} [n/a]",
    };

    /// <summary>A stage that counts more than the one before (adds without a tracked view) grew; it did not drop off −100 %.</summary>
    static string FunnelChange(double? dropOff) => dropOff switch
    {
        null => "",
        double d when d < 0 => $" ({Percent(-d)} more)",
        double d => $" (drop-off {Percent(d)})",
    };

    internal static string Percent(double value) => (value * 100).ToString("0.#", Invariant) + " %";

    internal static string SignedPercent(double value) => (value * 100).ToString("+0.#;-0.#;0", Invariant) + " %";

    static string Rate(double? rate) => rate is { } r ? Percent(r) : "n/a";

    static string N(long value) => value.ToString(Invariant);

    internal static void AppendTable(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
    }
}
