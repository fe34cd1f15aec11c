using CsCheck;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Tests.Properties;
using JourneyTriggers.Core.Tests.Properties.Generators;

namespace JourneyTriggers.Core.Tests.Metrics;

public class ReplayMetricsPropertyTests
{
    /// <summary>
    /// On any generated stream, the tally's counts agree with the effect stream it watched, and the
    /// report of it is finite JSON: the hook sees every decision exactly once.
    /// </summary>
    [Fact]
    public void The_tally_of_any_replay_agrees_with_its_effects()
    {
        StreamGen.Cases.Sample(c =>
        {
            var metrics = new ReplayMetrics(c.Configuration);
            var run = new ReplayRun(new JourneyEngine(c.Configuration), metrics);
            var effects = new List<Effect>();
            foreach (var tp in c.Events) effects.AddRange(run.Accept(tp));
            effects.AddRange(run.RunUntil(c.Until));
            var tally = metrics.ToTally();

            long Count(MetricMeasure measure) => tally.Rows.Where(r => r.Key.Measure == measure).Sum(r => r.Value.Count);
            Assert.Equal(effects.OfType<SendReminder>().Count(), Count(MetricMeasure.MessageSent));
            Assert.Equal(effects.OfType<SuppressReminder>().Count(), Count(MetricMeasure.MessageSuppressed));
            Assert.Equal(effects.OfType<DeferReminder>().Count(), Count(MetricMeasure.MessageDeferred));
            Assert.Equal(effects.OfType<JourneyEntered>().Count(), Count(MetricMeasure.JourneyEntered));
            Assert.Equal(effects.OfType<ExitJourney>().Count(), Count(MetricMeasure.JourneyExited));
            Assert.Equal(effects.OfType<RecordConversion>().Count(), Count(MetricMeasure.Conversion));
            Assert.Equal(effects.OfType<RecordConversion>().Sum(e => e.Revenue), tally.Rows.Where(r => r.Key.Measure == MetricMeasure.Conversion).Sum(r => r.Value.Amount));
            // Every cart journey stands on a started cart: the abandonment rate is a proportion.
            foreach (var cart in c.Configuration.Triggers.Where(t => t.Kind == JourneyTriggers.Core.Configuration.TriggerKind.CartAbandoned))
                Assert.True(effects.OfType<JourneyEntered>().Count(e => e.Trigger == cart.Name) <= Count(MetricMeasure.CartStarted));
            // A journey converts once, whichever of the orders credited to its reminders comes first: never more than its
            // trigger's abandoned journeys, so the rate is a proportion.
            Assert.InRange(Count(MetricMeasure.ReminderConverted), effects.OfType<RecordConversion>().Any() ? 1 : 0,
                effects.OfType<RecordConversion>().Select(e => e.MessageId).Distinct().Count());
            foreach (var trigger in c.Configuration.Triggers)
                Assert.True(tally.Rows.Where(r => r.Key.Measure == MetricMeasure.ReminderConverted && r.Key.Trigger == trigger.Name).Sum(r => r.Value.Count)
                    <= tally.Rows.Where(r => r.Key.Measure == MetricMeasure.StepDue && r.Key.Trigger == trigger.Name && r.Key.Step == 1).Sum(r => r.Value.Count));
            Assert.Equal(effects.OfType<RecordConversion>().Count(e => e.Holdout),
                tally.Rows.Where(r => r.Key.Measure == MetricMeasure.Conversion && r.Key.Group == MetricGroup.Holdout).Sum(r => r.Value.Count));

            var json = System.Text.Encoding.UTF8.GetString(MetricsReportJson.ToUtf8(MetricsReporting.Report(tally, MetricsQuery.All, c.Configuration)));
            Assert.DoesNotContain("NaN", json);
            Assert.DoesNotContain("Infinity", json);
        }, iter: 200, print: CasePrinter.Print);
    }
}
