using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Http.Customers;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>The <c>why</c> sentences of the timeline, against the bundled configuration.</summary>
public sealed class DecisionExplanationsTests
{
    static readonly TriggerConfiguration Bundled =
        ((ConfigurationLoadResult.Loaded)ConfigurationLoader.Load(File.ReadAllBytes(ServeOptions.BundledConfigPath))).Configuration;
    static readonly Instant At = Instant.FromUtc(2026, 11, 22, 12, 0);
    static readonly CustomerRef Customer = CustomerRef.Known("c-42");
    static readonly DateTimeZone Bangkok = DateTimeZoneProviders.Tzdb["Asia/Bangkok"];
    static readonly CustomerState Fresh = CustomerState.New(Customer);

    static string Why(Effect effect, CustomerState? state = null) => DecisionExplanations.Why(effect, state ?? Fresh, Bundled, Bangkok);

    static StepPath Step(int step, string? branch = null, string? variant = null) => new("abandoned_cart", step, branch, variant);

    static CustomerState SentBefore(params Duration[] ago)
    {
        var ledger = SentMessageLedger.Empty;
        foreach (var a in ago) ledger = ledger.Record(new SentMessage(At - a, Step(1), Channel.Push, "m-" + a.TotalMinutes, false, Duration.FromDays(3)));
        return Fresh with { Ledger = ledger };
    }

    [Fact]
    public void A_later_step_says_how_long_after_the_reminder_before_and_which_branch()
    {
        Assert.Equal("Sent by email: the cart was still waiting 1 day after reminder 1 (template cart-vip, branch vip)",
            Why(new SendReminder(At, Customer, Step(2, "vip"), Channel.Email, "cart-vip", "m-1")));
        Assert.Equal("Sent by email: the cart was still waiting 2 days after reminder 2 (template cart-incentive, variant B)",
            Why(new SendReminder(At, Customer, Step(3, variant: "B"), Channel.Email, "cart-incentive", "m-2")));
    }

    [Fact]
    public void Other_trigger_kinds_say_what_the_customer_did_not_do()
    {
        Assert.Equal("Sent by push: the app was not opened for 7 days (template we-miss-you)",
            Why(new SendReminder(At, Customer, new StepPath("app_inactive", 1, null, null), Channel.Push, "we-miss-you", "m-3")));
        Assert.Equal("Sent by email: products were viewed and nothing was added to the cart for 2 h (template browse-reminder)",
            Why(new SendReminder(At, Customer, new StepPath("browse_abandoned", 1, null, null), Channel.Email, "browse-reminder", "m-4")));
    }

    [Fact]
    public void A_frequency_cap_names_the_window_that_was_full()
    {
        var suppressed = new SuppressReminder(At, Customer, Step(2), SuppressionReason.FrequencyCap);

        Assert.Equal("Suppressed: frequency cap of 2 per day reached", Why(suppressed, SentBefore(Duration.FromHours(1), Duration.FromHours(5))));
        Assert.Equal("Suppressed: frequency cap of 5 per week reached",
            Why(suppressed, SentBefore([.. Enumerable.Range(2, 5).Select(d => Duration.FromDays(d) - Duration.FromHours(1))])));
        Assert.Equal("Suppressed: frequency cap reached (2 per day, 5 per week, across all triggers)", Why(suppressed));
    }

    [Fact]
    public void Holdout_says_why_no_reminder_went()
    {
        Assert.Equal("Suppressed: the customer is in the 10% holdout group of abandoned_cart, who get no reminders so that the lift can be measured",
            Why(new SuppressReminder(At, Customer, Step(1), SuppressionReason.Holdout, Channel.Push, "cart-reminder-1", "m-5")));
    }

    [Fact]
    public void Exits_conversions_skips_and_rejections_read_as_sentences()
    {
        Assert.Equal("Journey abandoned_cart ended: the customer ordered", Why(new ExitJourney(At, Customer, "abandoned_cart", ExitReason.OrderCompleted)));
        Assert.Equal("Conversion: order o-1 (32,900 THB) credited to the push reminder of step 1",
            Why(new RecordConversion(At, Customer, Step(1), Channel.Push, "m-6", "o-1", 32900m, "THB", Holdout: false)));
        Assert.Equal("Conversion in the holdout group: order o-2 (100 THB) came without the reminder of step 1",
            Why(new RecordConversion(At, Customer, Step(1), Channel.Push, "m-7", "o-2", 100m, "THB", Holdout: true)));
        Assert.Equal("Skipped step 2 of abandoned_cart: none of its branches' conditions held", Why(new SkipStep(At, Customer, Step(2))));
        Assert.Equal("Rejected event evt-7: properties.price: expected a number", Why(new RejectTouchpoint(At, Customer, "evt-7", "properties.price: expected a number")));
    }

    [Theory]
    [InlineData("PT1H", "1 h")]
    [InlineData("PT90M", "1 h 30 min")]
    [InlineData("PT30M", "30 min")]
    [InlineData("P1D", "1 day")]
    [InlineData("PT36H", "36 h")]
    [InlineData("P3D", "3 days")]
    [InlineData("PT45S", "45 s")]
    public void Durations_read_the_way_people_say_them(string iso, string text) =>
        Assert.Equal(text, DecisionExplanations.Span(NodaTime.Text.PeriodPattern.NormalizingIso.Parse(iso).Value.ToDuration()));
    [Fact]
    public void Provider_outcomes_say_who_took_or_refused_the_reminder()
    {
        Assert.Equal("Delivered by email: the email provider accepted reminder 2 of abandoned_cart (its id op-7)",
            Why(new RecordDelivered(At, Customer, Step(2), Channel.Email, "m-1", "op-7")));
        Assert.Equal("Not delivered by push: the push service refused reminder 1 of abandoned_cart for good (400 BadChannel)",
            Why(new RecordDeliveryFailed(At, Customer, Step(1), Channel.Push, "m-2", "400 BadChannel")));
        Assert.Equal(
            "Delivery unknown by email: the send of reminder 1 of abandoned_cart was interrupted (interrupted while sending); " +
            "it may have arrived, and it is not sent again so that the customer never gets it twice",
            Why(new RecordDeliveryUnknown(At, Customer, Step(1), Channel.Email, "m-3", "interrupted while sending")));
    }
}
