using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using Row = System.Collections.Generic.KeyValuePair<JourneyTriggers.Core.Metrics.MetricKey, JourneyTriggers.Core.Metrics.MetricValue>;

namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>One trigger's figures and its breakdowns by step, branch, variant and channel, from that trigger's rows.</summary>
internal static class TriggerReports
{
    public static TriggerReport Of(string trigger, List<Row> rows, long cartsStarted, TriggerConfiguration configuration)
    {
        var kind = MetricsReporting.KindOf(trigger, configuration);
        var firstStep = rows.Where(r => r.Key.Step == 1).ToList();
        var abandoned = MetricsReporting.Count(firstStep, MetricMeasure.StepDue);
        var definition = configuration.Find(trigger);
        return new TriggerReport(
            trigger,
            kind,
            MetricsReporting.Count(rows, MetricMeasure.JourneyEntered),
            abandoned,
            kind == TriggerKind.CartAbandoned.ToWire() ? RateComparison.Rate(abandoned, cartsStarted) : null,
            rows.Where(r => r.Key.Measure == MetricMeasure.JourneyExited)
                .GroupBy(r => r.Key.Reason ?? "")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Value.Count)),
            Messages(rows),
            Outcome(Eligible(firstStep, MetricMeasure.StepDue, MetricGroup.Treated), Eligible(firstStep, MetricMeasure.StepDue, MetricGroup.Holdout), rows),
            StepRows(rows),
            BranchRows(rows),
            VariantRows(rows, definition),
            ChannelRows(rows));
    }

    static List<BreakdownRow> StepRows(List<Row> rows) =>
        rows.Where(r => r.Key.Step > 0).Select(r => r.Key.Step).Distinct().Order()
            .Select(step => Breakdown(rows.Where(r => r.Key.Step == step).ToList(), step, null, null))
            .ToList();

    static List<BreakdownRow> BranchRows(List<Row> rows) =>
        rows.Where(r => r.Key.Branch is not null).Select(r => (r.Key.Step, Branch: r.Key.Branch!)).Distinct()
            .OrderBy(p => p.Step).ThenBy(p => p.Branch, StringComparer.Ordinal)
            .Select(p => Breakdown(rows.Where(r => r.Key.Step == p.Step && r.Key.Branch == p.Branch).ToList(), p.Step, p.Branch, null))
            .ToList();

    static List<BreakdownRow> VariantRows(List<Row> rows, TriggerDefinition? definition)
    {
        var arms = rows.Where(r => r.Key.Variant is not null).Select(r => (r.Key.Step, r.Key.Branch, Variant: r.Key.Variant!)).Distinct()
            .OrderBy(a => a.Step).ThenBy(a => a.Branch, StringComparer.Ordinal).ThenBy(a => a.Variant, StringComparer.Ordinal).ToList();
        var result = new List<BreakdownRow>();
        foreach (var arm in arms)
        {
            var mine = rows.Where(r => r.Key.Step == arm.Step && r.Key.Branch == arm.Branch && r.Key.Variant == arm.Variant).ToList();
            var row = Breakdown(mine, arm.Step, arm.Branch, arm.Variant);
            var control = ControlVariant(definition, arm.Step, arm.Branch)
                ?? arms.First(a => a.Step == arm.Step && a.Branch == arm.Branch).Variant;
            var controlRows = rows.Where(r => r.Key.Step == arm.Step && r.Key.Branch == arm.Branch && r.Key.Variant == control).ToList();
            var controlTreated = Outcome(Eligible(controlRows, MetricMeasure.StepDue, MetricGroup.Treated), Eligible(controlRows, MetricMeasure.StepDue, MetricGroup.Holdout), controlRows).Treated;
            var treated = row.Outcome.Treated;
            result.Add(row with
            {
                VersusControl = new VariantComparison(
                    control,
                    treated.ConversionRate is { } rate && controlTreated.ConversionRate is { } controlRate ? RateComparison.Round(rate - controlRate) : null,
                    RateComparison.Compare(treated.Converted, treated.Eligible, controlTreated.Converted, controlTreated.Eligible,
                        $"variant {arm.Variant}", $"control variant {control}")),
            });
        }
        return result;
    }

    /// <summary>The step's (or branch's) first configured variant is its control.</summary>
    static string? ControlVariant(TriggerDefinition? definition, int step, string? branch)
    {
        if (definition is null || step < 1 || step > definition.Steps.Count) return null;
        var branchDefinition = definition.Steps[step - 1].Branches.FirstOrDefault(b => b.Name == branch);
        return branchDefinition?.Variants.Count > 0 ? branchDefinition.Variants[0].Name : null;
    }

    /// <summary>Channel rows: a reminder sent (treated) or held out (holdout) on the channel is the eligible unit.</summary>
    static List<BreakdownRow> ChannelRows(List<Row> rows) =>
        rows.Where(r => r.Key.Channel is not null).Select(r => r.Key.Channel!.Value).Distinct().Order()
            .Select(channel =>
            {
                var mine = rows.Where(r => r.Key.Channel == channel).ToList();
                var treated = Eligible(mine, MetricMeasure.MessageSent, MetricGroup.Treated);
                var holdout = Eligible(mine.Where(r => r.Key.Reason == SuppressionReason.Holdout.ToWire()), MetricMeasure.MessageSuppressed, MetricGroup.Holdout);
                return new BreakdownRow(null, null, null, channel.ToWire(), Messages(mine), Outcome(treated, holdout, mine), null);
            })
            .ToList();

    static BreakdownRow Breakdown(List<Row> rows, int step, string? branch, string? variant) =>
        new(step, branch, variant, null, Messages(rows),
            Outcome(Eligible(rows, MetricMeasure.StepDue, MetricGroup.Treated), Eligible(rows, MetricMeasure.StepDue, MetricGroup.Holdout), rows),
            null);

    static long Eligible(IEnumerable<Row> rows, MetricMeasure measure, MetricGroup group) =>
        MetricsReporting.Count(rows.Where(r => r.Key.Group == group), measure);

    static Outcome Outcome(long treatedEligible, long holdoutEligible, List<Row> rows)
    {
        var treated = Group(treatedEligible, rows, MetricGroup.Treated);
        var holdout = Group(holdoutEligible, rows, MetricGroup.Holdout);
        return new Outcome(
            treated,
            holdout,
            RateComparison.Compare(treated.Converted, treated.Eligible, holdout.Converted, holdout.Eligible, "the treated group", "the holdout group"),
            Incrementality.Of(treated, holdout));
    }

    static GroupOutcome Group(long eligible, List<Row> rows, MetricGroup group)
    {
        var mine = rows.Where(r => r.Key.Group == group).ToList();
        var converted = MetricsReporting.Count(mine, MetricMeasure.ReminderConverted);
        return new GroupOutcome(eligible, converted, MetricsReporting.Count(mine, MetricMeasure.Conversion),
            MetricsReporting.Amount(mine, MetricMeasure.Conversion), RateComparison.Rate(converted, eligible));
    }

    static MessageCounts Messages(List<Row> rows)
    {
        var suppressed = MetricsReporting.SuppressionReasons.ToDictionary(r => r, _ => 0L);
        foreach (var row in rows.Where(r => r.Key.Measure == MetricMeasure.MessageSuppressed))
            suppressed[row.Key.Reason ?? ""] = suppressed.GetValueOrDefault(row.Key.Reason ?? "") + row.Value.Count;
        return new MessageCounts(
            MetricsReporting.Count(rows, MetricMeasure.StepDue),
            MetricsReporting.Count(rows, MetricMeasure.MessageSent),
            MetricsReporting.Count(rows, MetricMeasure.MessageDelivered),
            MetricsReporting.Count(rows, MetricMeasure.MessageFailed),
            MetricsReporting.Count(rows, MetricMeasure.MessageUnknown),
            MetricsReporting.Count(rows, MetricMeasure.MessageDeferred),
            MetricsReporting.Count(rows, MetricMeasure.StepSkipped),
            suppressed,
            MetricsReporting.Count(rows, MetricMeasure.MessageOpened),
            MetricsReporting.Count(rows, MetricMeasure.MessageClicked));
    }
}
