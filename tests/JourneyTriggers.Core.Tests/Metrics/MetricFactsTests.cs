using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using static JourneyTriggers.Core.Tests.Support.Tp;

namespace JourneyTriggers.Core.Tests.Metrics;

public class MetricFactsTests
{
    static readonly TriggerConfiguration Cart = Configs.With(Configs.Cart());

    static (MetricsTally Tally, IReadOnlyList<Effect> Effects) Replay(TriggerConfiguration configuration, string until, params Touchpoint[] touchpoints)
    {
        var metrics = new ReplayMetrics(configuration);
        var run = new ReplayRun(new JourneyEngine(configuration), metrics);
        var effects = new List<Effect>();
        foreach (var touchpoint in touchpoints) effects.AddRange(run.Accept(touchpoint));
        effects.AddRange(run.RunUntil(At(until)));
        return (metrics.ToTally(), effects);
    }

    /// <summary>An emailable customer who adds to the cart at <paramref name="added"/>, the replay run to <paramref name="until"/>, as tally lines.</summary>
    static IReadOnlyList<string> EmailableCart(TriggerConfiguration configuration, string added, string until)
    {
        var at = At(added);
        var (tally, _) = Replay(configuration, until,
            Identify(Iso(at - NodaTime.Duration.FromHours(1))), Consent(Iso(at - NodaTime.Duration.FromMinutes(59))), Add(added));
        return TallyLines.Of(tally);
    }

    static string Iso(NodaTime.Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    [Fact]
    public void A_cart_reminded_and_ordered_counts_the_whole_path()
    {
        var (tally, _) = Replay(Cart, "2026-11-22T13:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"),
            View("2026-11-22T09:30:00Z"), Add("2026-11-22T10:00:00Z"), Checkout("2026-11-22T10:01:00Z"),
            Order("2026-11-22T12:00:00Z"));
        Assert.Equal(
        [
            "2026-11-22 cart_started = 1",
            "2026-11-22 product_viewed = 1",
            "2026-11-22 cart_item_added = 1",
            "2026-11-22 checkout_started = 1",
            "2026-11-22 order_completed = 1 32900",
            "2026-11-22 journey_entered abandoned_cart treated = 1",
            "2026-11-22 journey_exited abandoned_cart order_completed = 1",
            "2026-11-22 step_due abandoned_cart/1 treated = 1",
            "2026-11-22 message_sent abandoned_cart/1 email treated = 1",
            "2026-11-22 conversion abandoned_cart/1 email treated = 1 32900",
            "2026-11-22 reminder_converted abandoned_cart/1 email treated = 1",
        ], TallyLines.Of(tally));
    }

    [Fact]
    public void A_cart_left_standing_starts_again_when_its_next_journey_begins_so_the_abandonment_rate_stays_a_proportion()
    {
        var (tally, effects) = Replay(Cart, "2026-11-27T13:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T10:00:00Z"),
            Add("2026-11-25T10:00:00Z", sku: "MOUSE-1", price: 490m));

        Assert.Equal(2, effects.OfType<JourneyEntered>().Count());
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 cart_started = 1", lines);
        Assert.Contains("2026-11-25 cart_started = 1", lines);
        var cart = JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally, JourneyTriggers.Core.Metrics.Report.MetricsQuery.All, Cart).Triggers.Single();
        Assert.Equal((2L, 2L, 1.0), (cart.Entered, cart.Abandoned, cart.AbandonmentRate));
    }

    [Fact]
    public void A_cart_started_while_the_cooldown_held_its_journey_off_is_not_started_again_when_the_journey_begins()
    {
        var cooled = Configs.With(Configs.Cart() with { ReentryCooldown = NodaTime.Duration.FromHours(12) });
        var (tally, effects) = Replay(cooled, "2026-11-23T13:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T10:00:00Z"),
            Clear("2026-11-22T10:30:00Z"), Add("2026-11-22T11:00:00Z"), Add("2026-11-23T09:00:00Z", sku: "MOUSE-1", price: 490m));

        Assert.Equal(2, effects.OfType<JourneyEntered>().Count());
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 cart_started = 2", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("2026-11-23 cart_started", StringComparison.Ordinal));
    }

    [Fact]
    public void A_journey_whose_two_reminders_are_each_credited_an_order_converts_once()
    {
        // Step 1 at 11:00 and step 2 a day later; an order stamped between them arrives late and goes to step 1, the next to step 2.
        var (tally, effects) = Replay(Cart, "2026-11-24T13:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T10:00:00Z"),
            View("2026-11-23T12:00:00Z"),
            Order("2026-11-22T12:00:00Z", orderId: "o-1"), Order("2026-11-23T13:00:00Z", orderId: "o-2", revenue: 1000m));

        var sends = effects.OfType<SendReminder>().Select(s => s.MessageId).ToList();
        Assert.Equal(sends, effects.OfType<RecordConversion>().Select(c => c.MessageId));
        var cart = JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally, JourneyTriggers.Core.Metrics.Report.MetricsQuery.All, Cart).Triggers.Single();
        Assert.Equal((1L, 1L, 2L, 1.0), (cart.Outcome.Treated.Eligible, cart.Outcome.Treated.Converted, cart.Outcome.Treated.Conversions, cart.Outcome.Treated.ConversionRate));
        Assert.Equal([1L, 0L], cart.Steps.Select(s => s.Outcome.Treated.Converted));
    }

    [Fact]
    public void An_app_journey_an_order_does_not_end_converts_once_though_its_next_reminder_is_credited_another_order()
    {
        var app = Configs.With(Configs.Trigger("app_inactive", TriggerKind.AppInactive,
            Configs.Step(1, "P1D", Configs.Direct("we-miss-you", Channel.Push)), Configs.Step(2, "P1D", Configs.Direct("still-here", Channel.Push))));
        var (tally, effects) = Replay(app, "2026-11-25T13:00:00Z",
            Register("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z", push: true), Open("2026-11-22T10:00:00Z"),
            Order("2026-11-23T12:00:00Z", orderId: "o-1"), Order("2026-11-24T12:00:00Z", orderId: "o-2", revenue: 1000m));

        Assert.Equal(effects.OfType<SendReminder>().Select(s => s.MessageId), effects.OfType<RecordConversion>().Select(c => c.MessageId));
        Assert.Equal(2, effects.OfType<SendReminder>().Count());
        var trigger = JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally, JourneyTriggers.Core.Metrics.Report.MetricsQuery.All, app).Triggers.Single();
        Assert.Equal((1L, 1L, 2L), (trigger.Outcome.Treated.Eligible, trigger.Outcome.Treated.Converted, trigger.Outcome.Treated.Conversions));
    }

    [Fact]
    public void Two_guest_orders_a_merge_credits_to_one_journey_convert_it_once()
    {
        var (tally, effects) = Replay(Cart, "2026-11-22T14:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T10:00:00Z"), View("2026-11-22T11:30:00Z"),
            Order("2026-11-22T12:00:00Z", orderId: "o-1", customer: null, anonymous: "a-9"),
            Order("2026-11-22T12:30:00Z", orderId: "o-2", revenue: 1000m, customer: null, anonymous: "a-9"),
            Identify("2026-11-22T13:00:00Z", customer: "c-42", anonymous: "a-9"));

        Assert.Equal(["o-1", "o-2"], effects.OfType<RecordConversion>().Select(c => c.OrderId));
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 conversion abandoned_cart/1 email treated = 2 33900", lines);
        Assert.Contains("2026-11-22 reminder_converted abandoned_cart/1 email treated = 1", lines);
        var outcome = JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally, JourneyTriggers.Core.Metrics.Report.MetricsQuery.All, Cart).Triggers.Single().Outcome.Treated;
        Assert.Equal((1L, 1L, 2L, 1.0), (outcome.Eligible, outcome.Converted, outcome.Conversions, outcome.ConversionRate));
    }

    [Fact]
    public void A_merge_crediting_a_journey_the_visitors_own_order_converted_already_does_not_convert_it_again()
    {
        // The visitor, reminded by push, orders (converting the journey), the known customer orders too, then they merge.
        var (tally, effects) = Replay(Cart, "2026-11-22T14:00:00Z",
            Register("2026-11-22T09:00:00Z", customer: null, anonymous: "a-9"), Consent("2026-11-22T09:00:01Z", email: null, push: true, customer: null, anonymous: "a-9"),
            Add("2026-11-22T10:00:00Z", customer: null, anonymous: "a-9"),
            Order("2026-11-22T12:00:00Z", orderId: "o-1", customer: null, anonymous: "a-9"),
            Order("2026-11-22T12:30:00Z", orderId: "o-2", revenue: 1000m),
            Identify("2026-11-22T13:00:00Z", customer: "c-42", anonymous: "a-9"));

        Assert.Equal(["o-1", "o-2"], effects.OfType<RecordConversion>().Select(c => c.OrderId));
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 reminder_converted abandoned_cart/1 push treated = 1", lines);
        Assert.Contains("2026-11-22 conversion abandoned_cart/1 push treated = 2 33900", lines);
    }

    [Fact]
    public void A_reminder_whose_window_credits_two_orders_converts_once()
    {
        var (tally, effects) = Replay(Cart, "2026-11-23T13:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T10:00:00Z"),
            Order("2026-11-22T12:00:00Z", orderId: "o-1"), Order("2026-11-23T12:00:00Z", orderId: "o-2", revenue: 1000m));

        Assert.Equal(2, effects.OfType<RecordConversion>().Count(c => c.MessageId == effects.OfType<SendReminder>().Single().MessageId));
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 conversion abandoned_cart/1 email treated = 1 32900", lines);
        Assert.Contains("2026-11-23 conversion abandoned_cart/1 email treated = 1 1000", lines);
        Assert.Contains("2026-11-22 reminder_converted abandoned_cart/1 email treated = 1", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("2026-11-23 reminder_converted", StringComparison.Ordinal));

        var outcome = JourneyTriggers.Core.Metrics.Report.MetricsReporting.Report(tally, JourneyTriggers.Core.Metrics.Report.MetricsQuery.All, Cart).Triggers.Single().Outcome.Treated;
        Assert.Equal((1L, 1L, 2L, 33900m, 1.0), (outcome.Eligible, outcome.Converted, outcome.Conversions, outcome.Revenue, outcome.ConversionRate));
    }

    [Fact]
    public void A_repeated_touchpoint_or_order_id_counts_once_and_a_second_line_does_not_restart_the_cart()
    {
        var add = Add("2026-11-22T10:00:00Z", id: "evt-add");
        var (tally, _) = Replay(Cart, "2026-11-22T10:30:00Z",
            add, add, Add("2026-11-22T10:05:00Z", sku: "MOUSE"),
            Order("2026-11-22T10:10:00Z", orderId: "o-9"), Order("2026-11-22T10:11:00Z", orderId: "o-9"));
        Assert.Contains("2026-11-22 cart_started = 1", TallyLines.Of(tally));
        Assert.Contains("2026-11-22 cart_item_added = 2", TallyLines.Of(tally));
        Assert.Contains("2026-11-22 order_completed = 1 32900", TallyLines.Of(tally));
    }

    [Fact]
    public void A_step_deferred_by_quiet_hours_comes_due_once()
    {
        var quiet = Configs.With(Configs.Defaults(quiet: Configs.Quiet("21:00", "08:00")), Configs.Cart());
        var lines = EmailableCart(quiet, "2026-11-22T20:30:00Z", "2026-11-23T09:00:00Z");
        Assert.Contains("2026-11-22 step_due abandoned_cart/1 treated = 1", lines);
        Assert.Contains("2026-11-22 message_deferred abandoned_cart/1 treated = 1", lines);
        Assert.Contains("2026-11-23 message_sent abandoned_cart/1 email treated = 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("2026-11-23 step_due", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_deferred_again_after_a_time_zone_change_comes_due_once()
    {
        var quiet = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        var (tally, _) = Replay(quiet, "2026-11-23T12:00:00Z",
            Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T13:30:00Z"),
            Tp.Identify("2026-11-22T15:00:00Z", timeZone: "Europe/London"));
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 step_due abandoned_cart/1 treated = 1", lines);
        Assert.Contains("2026-11-23 message_deferred abandoned_cart/1 treated = 1", lines);
        Assert.Contains("2026-11-23 message_sent abandoned_cart/1 email treated = 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("2026-11-23 step_due", StringComparison.Ordinal));
    }

    [Fact]
    public void Holdout_customers_count_in_the_holdout_group_with_the_channel_held_out()
    {
        var all = Configs.With(Configs.Cart() with { HoldoutPercent = 100m });
        var lines = EmailableCart(all, "2026-11-22T10:00:00Z", "2026-11-22T11:30:00Z");
        Assert.Contains("2026-11-22 journey_entered abandoned_cart holdout = 1", lines);
        Assert.Contains("2026-11-22 step_due abandoned_cart/1 holdout = 1", lines);
        Assert.Contains("2026-11-22 message_suppressed abandoned_cart/1 email holdout holdout = 1", lines);
    }

    [Fact]
    public void Opens_and_clicks_are_credited_to_the_reminder_they_name()
    {
        var configuration = Cart;
        var metrics = new ReplayMetrics(configuration);
        var run = new ReplayRun(new JourneyEngine(configuration), metrics);
        run.Accept(Identify("2026-11-22T09:00:00Z"));
        run.Accept(Consent("2026-11-22T09:00:01Z"));
        run.Accept(Add("2026-11-22T10:00:00Z"));
        var sent = run.RunUntil(At("2026-11-22T11:00:00Z")).OfType<SendReminder>().Single();
        var who = CustomerRef.Known(Tp.Customer);
        run.Accept(new MessageOpened(new TouchpointId("o1"), who, At("2026-11-22T11:05:00Z"), "email", sent.MessageId));
        run.Accept(new MessageClicked(new TouchpointId("c1"), who, At("2026-11-22T11:06:00Z"), "email", sent.MessageId));
        run.Accept(new MessageOpened(new TouchpointId("o2"), who, At("2026-11-22T11:07:00Z"), "email", "m-unknown"));
        var lines = TallyLines.Of(metrics.ToTally());
        Assert.Contains("2026-11-22 message_opened abandoned_cart/1 email treated = 1", lines);
        Assert.Contains("2026-11-22 message_clicked abandoned_cart/1 email treated = 1", lines);
        Assert.Contains("2026-11-22 message_opened = 1", lines);
    }

    [Fact]
    public void Days_are_dates_in_the_configured_time_zone()
    {
        var bangkok = Configs.With(Configs.Defaults(zone: "Asia/Bangkok"), Configs.Cart());
        var (tally, _) = Replay(bangkok, "2026-11-22T17:30:00Z", Add("2026-11-22T16:59:00Z"), Add("2026-11-22T17:00:00Z", sku: "MOUSE"));
        var lines = TallyLines.Of(tally);
        Assert.Contains("2026-11-22 cart_item_added = 1", lines);
        Assert.Contains("2026-11-23 cart_item_added = 1", lines);
    }

    [Fact]
    public void Delivery_outcomes_and_rejections_recorded_by_a_shell_count_by_path_and_channel()
    {
        var facts = new MetricFacts(Cart);
        var tally = new MetricsTallyBuilder();
        var who = CustomerRef.Known("c-1");
        var path = new StepPath("abandoned_cart", 2, "vip", "B");
        var at = At("2026-11-22T10:00:00Z");
        facts.OfEffects(
        [
            new RecordDelivered(at, who, path, Channel.Email, "m-1", "acs-1"),
            new RecordDeliveryFailed(at, who, path, Channel.Email, "m-2", "mailbox unavailable"),
            new RecordDeliveryUnknown(at, who, path, Channel.Push, "m-3", "timeout"),
            new RejectTouchpoint(at, who, "evt-9", "timestamp: missing"),
        ], tally);
        Assert.Equal(
        [
            "2026-11-22 message_delivered abandoned_cart/2 branch=vip variant=B email treated = 1",
            "2026-11-22 message_failed abandoned_cart/2 branch=vip variant=B email treated = 1",
            "2026-11-22 message_unknown abandoned_cart/2 branch=vip variant=B push treated = 1",
            "2026-11-22 event_rejected = 1",
        ], TallyLines.Of(tally.ToTally()));
    }
}
