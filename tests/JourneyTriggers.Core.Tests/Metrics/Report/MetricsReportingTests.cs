using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Metrics.Report;

public class MetricsReportingTests
{
    static readonly LocalDate Day1 = new(2026, 11, 20);
    static readonly LocalDate Day2 = new(2026, 11, 21);
    const string Cart = "abandoned_cart";

    // Step 2 of the cart trigger carries an A/B test: A is the control.
    static readonly TriggerConfiguration Configuration = Configs.With(Configs.Cart() with
    {
        Steps =
        [
            Configs.Step(1, "PT1H", Configs.Direct("cart-reminder-1", Channel.Push, Channel.Email)),
            Configs.Step(2, "P1D", Configs.Direct("cart-reminder-2") with { Variants = [new VariantDefinition("A", 50, null, null), new VariantDefinition("B", 50, "cart-2b", null)] }),
        ],
    }, Configs.Browse());

    static MetricsTally Tally(params (MetricKey Key, long Count, decimal Amount)[] rows)
    {
        var builder = new MetricsTallyBuilder();
        foreach (var (key, count, amount) in rows) builder.Add(new MetricFact(key, new MetricValue(count, amount)));
        return builder.ToTally();
    }

    static MetricKey K(LocalDate day, MetricMeasure measure, int step = 0, string? variant = null, Channel? channel = null, MetricGroup group = MetricGroup.None, string? reason = null, string? trigger = Cart) =>
        new(day, measure, trigger, step, null, variant, channel, group, reason);

    /// <summary>
    /// Day 1: 20 carts started, 10 abandoned (8 treated, 2 held out). Step 1: 6 push, 2 email sent,
    /// 2 held out on email. Conversions: 5 treated (3 push 40000 from 2 converted reminders, one credited twice; 2 email
    /// 20000), 1 holdout (email 5000).
    /// Day 2: 10 carts, 6 abandoned (all treated); step 2 by email, variants A (4 due, 4 sent, 1 conversion)
    /// and B (4 due, 3 sent, 1 capped, 3 conversions).
    /// </summary>
    static readonly MetricsTally Example = Tally(
        (K(Day1, MetricMeasure.CartStarted, trigger: null), 20, 0m),
        (K(Day1, MetricMeasure.ProductViewed, trigger: null), 100, 0m),
        (K(Day1, MetricMeasure.CartItemAdded, trigger: null), 25, 0m),
        (K(Day1, MetricMeasure.CheckoutStarted, trigger: null), 10, 0m),
        (K(Day1, MetricMeasure.OrderCompleted, trigger: null), 8, 90000m),
        (K(Day1, MetricMeasure.JourneyEntered, group: MetricGroup.Treated), 16, 0m),
        (K(Day1, MetricMeasure.JourneyEntered, group: MetricGroup.Holdout), 4, 0m),
        (K(Day1, MetricMeasure.JourneyExited, reason: "order_completed"), 5, 0m),
        (K(Day1, MetricMeasure.StepDue, 1, group: MetricGroup.Treated), 8, 0m),
        (K(Day1, MetricMeasure.StepDue, 1, group: MetricGroup.Holdout), 2, 0m),
        (K(Day1, MetricMeasure.MessageSent, 1, channel: Channel.Push, group: MetricGroup.Treated), 6, 0m),
        (K(Day1, MetricMeasure.MessageSent, 1, channel: Channel.Email, group: MetricGroup.Treated), 2, 0m),
        (K(Day1, MetricMeasure.MessageSuppressed, 1, channel: Channel.Email, group: MetricGroup.Holdout, reason: "holdout"), 2, 0m),
        (K(Day1, MetricMeasure.MessageOpened, 1, channel: Channel.Email, group: MetricGroup.Treated), 3, 0m),
        (K(Day1, MetricMeasure.Conversion, 1, channel: Channel.Push, group: MetricGroup.Treated), 3, 40000m),
        (K(Day1, MetricMeasure.ReminderConverted, 1, channel: Channel.Push, group: MetricGroup.Treated), 2, 0m),
        (K(Day1, MetricMeasure.Conversion, 1, channel: Channel.Email, group: MetricGroup.Treated), 2, 20000m),
        (K(Day1, MetricMeasure.ReminderConverted, 1, channel: Channel.Email, group: MetricGroup.Treated), 2, 0m),
        (K(Day1, MetricMeasure.Conversion, 1, channel: Channel.Email, group: MetricGroup.Holdout), 1, 5000m),
        (K(Day1, MetricMeasure.ReminderConverted, 1, channel: Channel.Email, group: MetricGroup.Holdout), 1, 0m),
        (K(Day2, MetricMeasure.CartStarted, trigger: null), 10, 0m),
        (K(Day2, MetricMeasure.StepDue, 1, group: MetricGroup.Treated), 6, 0m),
        (K(Day2, MetricMeasure.StepDue, 2, "A", group: MetricGroup.Treated), 4, 0m),
        (K(Day2, MetricMeasure.StepDue, 2, "B", group: MetricGroup.Treated), 4, 0m),
        (K(Day2, MetricMeasure.MessageSent, 2, "A", Channel.Email, MetricGroup.Treated), 4, 0m),
        (K(Day2, MetricMeasure.MessageSent, 2, "B", Channel.Email, MetricGroup.Treated), 3, 0m),
        (K(Day2, MetricMeasure.MessageSuppressed, 2, "B", group: MetricGroup.Treated, reason: "frequency_cap"), 1, 0m),
        (K(Day2, MetricMeasure.Conversion, 2, "A", Channel.Email, MetricGroup.Treated), 1, 1000m),
        (K(Day2, MetricMeasure.ReminderConverted, 2, "A", Channel.Email, MetricGroup.Treated), 1, 0m),
        (K(Day2, MetricMeasure.Conversion, 2, "B", Channel.Email, MetricGroup.Treated), 3, 3000m),
        (K(Day2, MetricMeasure.ReminderConverted, 2, "B", Channel.Email, MetricGroup.Treated), 3, 0m));

    [Fact]
    public void Trigger_figures_match_the_hand_computation()
    {
        var report = MetricsReporting.Report(Example, MetricsQuery.All, Configuration);
        var cart = report.Triggers.Single(t => t.Trigger == Cart);
        Assert.Equal(30, report.CartsStarted);
        Assert.Equal(20, cart.Entered);
        Assert.Equal(16, cart.Abandoned);
        Assert.Equal(0.533333, cart.AbandonmentRate); // 16 ÷ 30
        Assert.Equal(new Dictionary<string, long> { ["order_completed"] = 5 }, cart.Exits);
        Assert.Equal(15, cart.Messages.Sent);
        Assert.Equal(3, cart.Messages.Opens);
        Assert.Equal(new Dictionary<string, long> { ["no_reachable_channel"] = 0, ["frequency_cap"] = 1, ["holdout"] = 2 }, cart.Messages.Suppressed);
        // Treated: 14 abandoned (8 + 6), 8 converted reminders (4 on step 1, 4 on step 2) credited with 9 orders, 64000: the
        // rate counts reminders, not orders. Holdout: 2 abandoned, 1 converted.
        Assert.Equal(new GroupOutcome(14, 8, 9, 64000m, 0.571429), cart.Outcome.Treated);
        Assert.Equal(new GroupOutcome(2, 1, 1, 5000m, 0.5), cart.Outcome.Holdout);
        // Lift = (8/14) ÷ (1/2) − 1 = 0.142857, Katz interval from SE = √(1/8 − 1/14 + 1/1 − 1/2).
        Assert.Equal(RateComparison.Compare(8, 14, 1, 2, "the treated group", "the holdout group"), cart.Outcome.Lift);
        Assert.Equal(0.142857, cart.Outcome.Lift.Value);
        // (8/14 − 1/2) × 14 = 1 conversion; × 64000 ÷ 8 converted = 8000.
        Assert.Equal(new IncrementalEstimate(1, 8000m, null), cart.Outcome.Incremental);
        Assert.Null(report.Triggers.Single(t => t.Trigger == "browse_abandoned").AbandonmentRate);
    }

    [Fact]
    public void Steps_channels_and_variants_have_their_own_denominators()
    {
        var cart = MetricsReporting.Report(Example, MetricsQuery.All, Configuration).Triggers.Single(t => t.Trigger == Cart);
        var step1 = cart.Steps.Single(s => s.Step == 1);
        Assert.Equal(new GroupOutcome(14, 4, 5, 60000m, 0.285714), step1.Outcome.Treated);
        var email = cart.Channels.Single(c => c.Channel == "email");
        // Email: 2 + 4 + 3 sent treated with 2 + 1 + 3 conversions; 2 held out with 1.
        Assert.Equal(new GroupOutcome(9, 6, 6, 24000m, 0.666667), email.Outcome.Treated);
        Assert.Equal(new GroupOutcome(2, 1, 1, 5000m, 0.5), email.Outcome.Holdout);
        Assert.Equal(new[] { "push", "email" }, cart.Channels.Select(c => c.Channel));

        var a = cart.Variants.Single(v => v.Variant == "A");
        var b = cart.Variants.Single(v => v.Variant == "B");
        Assert.Equal(new GroupOutcome(4, 3, 3, 3000m, 0.75), b.Outcome.Treated);
        Assert.Equal("A", b.VersusControl!.Control);
        Assert.Equal(0.5, b.VersusControl.RateDifference); // 3/4 − 1/4
        Assert.Equal(RateComparison.Compare(3, 4, 1, 4, "variant B", "control variant A"), b.VersusControl.Lift);
        Assert.Equal(2, b.VersusControl.Lift.Value); // 0.75 ÷ 0.25 − 1
        Assert.Equal(0, a.VersusControl!.Lift.Value);
        // No holdout customer reached step 2: its lift is undefined, not NaN.
        Assert.Null(b.Outcome.Lift.Value);
        Assert.Equal("no eligible journeys in the holdout group", b.Outcome.Lift.Reason);
        Assert.Equal(1, b.Messages.Suppressed["frequency_cap"]);
    }

    [Fact]
    public void The_funnel_has_a_drop_off_per_stage()
    {
        var funnel = MetricsReporting.Report(Example, MetricsQuery.All, Configuration).Funnel;
        Assert.Equal(
        [
            new FunnelStage("product_viewed", 100, null),
            new FunnelStage("added_to_cart", 25, 0.75),
            new FunnelStage("checkout_started", 10, 0.6),
            new FunnelStage("order_completed", 8, 0.2),
        ], funnel.Stages);
        Assert.Equal(90000m, funnel.OrderRevenue);
    }

    [Fact]
    public void Days_fill_the_range_and_carry_the_daily_abandonment_rate()
    {
        var report = MetricsReporting.Report(Example, new MetricsQuery(Day1.PlusDays(-1), Day2), Configuration);
        Assert.Equal(Day1.PlusDays(-1), report.From);
        Assert.Equal(Day2, report.To);
        Assert.Equal(
        [
            new DayReport(Day1.PlusDays(-1), 0, 0, 0, null, 0, 0, 0m, 0),
            new DayReport(Day1, 20, 20, 10, 0.5, 8, 5, 60000m, 1),
            new DayReport(Day2, 10, 0, 6, 0.6, 7, 4, 4000m, 0),
        ], report.Days);
        // 0.6 against the one trailing day's 0.5: not more than 20 % above.
        Assert.Equal(new AbandonmentAlert(Day2, 0.6, 0.5, 1, 20m, false, null), report.Alert);
    }

    [Fact]
    public void A_range_and_a_trigger_filter_what_is_counted()
    {
        var day2 = MetricsReporting.Report(Example, new MetricsQuery(Day2, Day2), Configuration);
        Assert.Equal(10, day2.CartsStarted);
        Assert.Equal(6, day2.Triggers.Single(t => t.Trigger == Cart).Abandoned);
        var browse = MetricsReporting.Report(Example, new MetricsQuery(Trigger: "browse_abandoned"), Configuration);
        Assert.Equal("browse_abandoned", Assert.Single(browse.Triggers).Trigger);
        Assert.All(browse.Days, d => Assert.Equal(0, d.Abandoned));
    }

    [Fact]
    public void An_empty_tally_gives_zeros_and_reasons_never_NaN()
    {
        var report = MetricsReporting.Report(MetricsTally.Empty, MetricsQuery.All, Configuration);
        Assert.Null(report.From);
        Assert.Empty(report.Days);
        var cart = report.Triggers.Single(t => t.Trigger == Cart);
        Assert.Null(cart.AbandonmentRate);
        Assert.Null(cart.Outcome.Treated.ConversionRate);
        Assert.Equal("no eligible journeys in the treated group", cart.Outcome.Lift.Reason);
        Assert.Equal("no day in the range started a cart", report.Alert.Reason);
        var json = System.Text.Encoding.UTF8.GetString(MetricsReportJson.ToUtf8(report));
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }

    [Fact]
    public void Triggers_of_an_earlier_configuration_are_reported_after_the_configured_ones()
    {
        var tally = Tally((K(Day1, MetricMeasure.JourneyEntered, group: MetricGroup.Treated, trigger: "retired"), 3, 0m));
        var report = MetricsReporting.Report(tally, MetricsQuery.All, Configuration);
        Assert.Equal(new[] { Cart, "browse_abandoned", "retired" }, report.Triggers.Select(t => t.Trigger));
        Assert.Null(report.Triggers[2].Kind);
    }

    [Fact]
    public void The_report_json_round_trips()
    {
        var report = MetricsReporting.Report(Example, MetricsQuery.All, Configuration);
        var bytes = MetricsReportJson.ToUtf8(report);
        Assert.Equal(bytes, MetricsReportJson.ToUtf8(MetricsReportJson.Parse(bytes)));
    }
}
