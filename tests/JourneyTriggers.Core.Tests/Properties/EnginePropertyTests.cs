using CsCheck;
using JourneyTriggers.Core.Tests.Properties.Audit;
using JourneyTriggers.Core.Tests.Properties.Generators;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>
/// Properties of the engine over generated touchpoint streams (see <see cref="StreamGen"/>). A failure
/// prints CsCheck's seed, the shrunk case as lines (configuration, then events) and the replay trace
/// with the broken rule marked; re-run with <c>seed:</c> (or CsCheck_Seed) to reproduce.
/// </summary>
public class EnginePropertyTests
{
    /// <summary>
    /// Enough streams to meet merges, late orders and copies many times while the class runs in seconds.
    /// Search deeper with <c>dotnet test -e CsCheck_Iter=10000</c> (CsCheck's own setting).
    /// </summary>
    static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var n) ? n : 400;

    static void Holds(Rule rule) =>
        StreamGen.Cases.Sample(c => JourneyAudit.Run(c).AssertHolds(rule), iter: Iterations, print: c => Minimizer.Report(c, rule));

    [Fact]
    public void Replaying_the_same_stream_twice_gives_the_same_effects()
    {
        StreamGen.Cases.Sample(c =>
        {
            var first = Replays.Simulate(c).Effects;
            var second = Replays.Simulate(c).Effects;
            Assert.Equal(first.Select(Scenario.Describe), second.Select(Scenario.Describe));
            Assert.Equal(first, second);
            // The audit runs due wake-ups before each event itself; that must not change a thing.
            Assert.Equal(first, JourneyAudit.Run(c).Effects);
        }, iter: Iterations, print: CasePrinter.Print);
    }

    [Fact]
    public void Effects_come_out_in_non_decreasing_time() => Holds(Rule.OrderedOutput);

    [Fact]
    public void No_cart_reminder_after_an_order_unless_a_new_cart_journey_started() => Holds(Rule.NoSendAfterPurchase);

    [Fact]
    public void Sends_and_holdout_stand_ins_stay_within_the_frequency_caps() => Holds(Rule.FrequencyCap);

    [Fact]
    public void No_send_inside_quiet_hours_in_the_customers_time_zone() => Holds(Rule.QuietHours);

    [Fact]
    public void A_touchpoint_whose_id_was_seen_produces_nothing() => Holds(Rule.Duplicates);

    [Fact]
    public void Delivering_a_copy_of_any_event_later_changes_no_effect()
    {
        var cases =
            from c in StreamGen.Cases.Where(c => c.Events.Length > 0)
            from original in Gen.Int[0, c.Events.Length - 1]
            from at in Gen.Int[original + 1, c.Events.Length]
            select Replays.WithCopy(c, original, at);
        cases.Sample(copied =>
        {
            var withoutCopy = copied.Case with { Events = copied.Case.Events.RemoveAt(copied.At) };
            Assert.Equal(Replays.Simulate(withoutCopy).Effects.Select(Scenario.Describe), Replays.Simulate(copied.Case).Effects.Select(Scenario.Describe));
            Assert.Equal(Replays.Simulate(withoutCopy).Effects, Replays.Simulate(copied.Case).Effects);
        }, iter: Iterations, print: copied => Minimizer.ReportCopy(copied.Case, copied.At, CopyChangesEffects));
    }

    static bool CopyChangesEffects(StreamCase withCopy, int at) =>
        !Replays.Simulate(withCopy with { Events = withCopy.Events.RemoveAt(at) }).Effects.SequenceEqual(Replays.Simulate(withCopy).Effects);

    [Fact]
    public void A_cart_event_stamped_at_or_before_the_last_order_never_reopens_the_cart() => Holds(Rule.LateCartEvents);

    [Fact]
    public void Journeys_enter_and_exit_in_pairs_with_step_effects_only_in_between() => Holds(Rule.JourneyLifecycle);

    [Fact]
    public void A_new_order_is_credited_once_to_the_last_reminder_in_its_window() => Holds(Rule.Conversions);

    [Fact]
    public void A_merge_credits_an_order_of_either_side_to_the_last_reminder_in_its_window_once()
    {
        var credited = 0;
        StreamGen.OrdersAroundMerges.Sample(c =>
        {
            var audit = JourneyAudit.Run(c);
            audit.AssertHolds(Rule.Conversions);
            Interlocked.Add(ref credited, audit.Counts.ConversionsAcrossAMerge);
        }, iter: Iterations, print: c => Minimizer.Report(c, Rule.Conversions));
        // A property that never meets a merge's credit proves nothing about it.
        Assert.True(credited >= Iterations / 20, $"only {credited} orders credited across a merge in {Iterations} streams");
    }

    [Fact]
    public void Reminders_take_the_first_reachable_consented_channel() => Holds(Rule.ChannelChoice);

    [Fact]
    public void Every_generated_touchpoint_is_accepted() => Holds(Rule.Acceptance);
}
