using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.GuardRails;

/// <summary>The guard rails as a journey meets them: in the order of DESIGN 4.3.1, and the journey goes on after each.</summary>
public class GuardRailsInJourneyTests
{
    static Scenario EmailReachable(TriggerConfiguration config) => new Scenario(config)
        .Given(Tp.Identify("2026-11-22T00:00:00Z"), Tp.Consent("2026-11-22T00:00:00Z"));

    [Fact]
    public void A_step_due_in_quiet_hours_is_deferred_to_their_end_and_sent_then()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        EmailReachable(config).Given(Tp.Add("2026-11-22T13:30:00Z")).RunUntil("2026-11-23T12:00:00Z").Then(
            "2026-11-22 13:30 c-42 journey.entered abandoned_cart",
            "2026-11-22 14:30 c-42 message.deferred abandoned_cart/1 until 2026-11-23 01:00",
            "2026-11-23 01:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }

    [Fact]
    public void The_next_step_counts_from_the_deferred_send()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        var s = EmailReachable(config).Given(Tp.Add("2026-11-22T13:30:00Z")).RunUntil("2026-11-25T00:00:00Z");
        Assert.Contains("2026-11-24 01:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2", s.Lines);
    }

    [Fact]
    public void Quiet_hours_are_read_in_the_customers_own_time_zone()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        // 14:30 UTC is 21:30 in Bangkok but 15:30 in London.
        var s = new Scenario(config).Given(Tp.Identify("2026-11-22T00:00:00Z", timeZone: "Europe/London"), Tp.Consent("2026-11-22T00:00:00Z"),
            Tp.Add("2026-11-22T13:30:00Z")).RunUntil("2026-11-22T15:00:00Z");
        Assert.Contains("2026-11-22 14:30 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void A_time_zone_learnt_during_a_deferral_defers_again_when_its_end_is_quiet_on_the_new_clock()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        // Deferred at 21:30 Bangkok to 08:00 Bangkok (01:00 UTC), which is 01:00 in London: quiet there until 08:00 UTC.
        EmailReachable(config).Given(Tp.Add("2026-11-22T13:30:00Z")).RunUntil("2026-11-22T15:00:00Z")
            .Given(Tp.Identify("2026-11-22T15:00:00Z", timeZone: "Europe/London")).RunUntil("2026-11-23T12:00:00Z").Then(
            "2026-11-22 13:30 c-42 journey.entered abandoned_cart",
            "2026-11-22 14:30 c-42 message.deferred abandoned_cart/1 until 2026-11-23 01:00",
            "2026-11-23 01:00 c-42 message.deferred abandoned_cart/1 until 2026-11-23 08:00",
            "2026-11-23 08:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }

    [Fact]
    public void A_merge_into_a_customer_in_another_time_zone_defers_again_on_their_clock()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        var s = new Scenario(config).Given(Tp.Identify("2026-11-22T00:00:00Z", timeZone: "Europe/London"), Tp.Consent("2026-11-22T00:00:00Z"),
                Tp.Add("2026-11-22T13:30:00Z", anonymous: "a-1")).RunUntil("2026-11-22T15:00:00Z")
            .Given(Tp.Identify("2026-11-22T15:00:00Z", timeZone: null, customer: Tp.Customer, anonymous: "a-1")).RunUntil("2026-11-23T12:00:00Z");
        Assert.Contains("2026-11-22 14:30 anon:a-1 message.deferred abandoned_cart/1 until 2026-11-23 01:00", s.Lines);
        Assert.Contains("2026-11-23 01:00 c-42 message.deferred abandoned_cart/1 until 2026-11-23 08:00", s.Lines);
        Assert.Contains("2026-11-23 08:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void A_time_zone_whose_quiet_hours_ended_earlier_sends_at_the_deferrals_end()
    {
        var config = Configs.With(Configs.Defaults("Europe/London", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        // Deferred at 21:30 London to 08:00 London; Bangkok's quiet hours ended at 01:00 UTC, so 08:00 UTC is not quiet there.
        EmailReachable(config).Given(Tp.Add("2026-11-22T20:30:00Z")).RunUntil("2026-11-22T22:00:00Z")
            .Given(Tp.Identify("2026-11-22T22:00:00Z", timeZone: "Asia/Bangkok")).RunUntil("2026-11-23T12:00:00Z").Then(
            "2026-11-22 20:30 c-42 journey.entered abandoned_cart",
            "2026-11-22 21:30 c-42 message.deferred abandoned_cart/1 until 2026-11-23 08:00",
            "2026-11-23 08:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }

    [Fact]
    public void Activity_during_a_deferral_that_moves_the_due_past_its_end_rearms_the_step()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        EmailReachable(config).Given(Tp.Add("2026-11-22T13:30:00Z")).RunUntil("2026-11-23T00:30:00Z")
            .Given(Tp.ViewCart("2026-11-23T00:30:00Z")).RunUntil("2026-11-23T02:00:00Z").Then(
            "2026-11-22 13:30 c-42 journey.entered abandoned_cart",
            "2026-11-22 14:30 c-42 message.deferred abandoned_cart/1 until 2026-11-23 01:00",
            "2026-11-23 01:30 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }

    [Fact]
    public void Activity_during_a_deferral_that_stays_inside_it_keeps_the_deferral()
    {
        var config = Configs.With(Configs.Defaults("Asia/Bangkok", Configs.Quiet("21:00", "08:00")), Configs.Cart());
        var s = EmailReachable(config).Given(Tp.Add("2026-11-22T13:30:00Z")).RunUntil("2026-11-22T20:00:00Z")
            .Given(Tp.ViewCart("2026-11-22T20:00:00Z")).RunUntil("2026-11-23T02:00:00Z");
        Assert.Contains("2026-11-23 01:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void Channel_choice_takes_the_first_reachable_consented_channel()
    {
        var s = EmailReachable(Configs.With(Configs.Cart())).Given(Tp.Register("2026-11-22T09:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"))
            .RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 push cart-reminder-1", s.Lines);
    }

    [Fact]
    public void Revoked_push_consent_falls_back_to_email()
    {
        var s = EmailReachable(Configs.With(Configs.Cart())).Given(Tp.Register("2026-11-22T09:00:00Z"), Tp.Consent("2026-11-22T09:00:00Z", email: null, push: false),
            Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void Without_any_reachable_channel_the_step_is_suppressed_and_the_journey_goes_on()
    {
        new Scenario(Configs.With(Configs.Cart())).Given(Tp.Identify("2026-11-22T00:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"))
            .RunUntil("2026-11-30T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.suppressed abandoned_cart/1 no_reachable_channel",
            "2026-11-23 11:00 c-42 message.suppressed abandoned_cart/2 no_reachable_channel",
            "2026-11-23 11:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void Implicit_email_consent_sends_unless_revoked()
    {
        var config = Configs.With(Configs.Defaults(consent: EmailConsentMode.Implicit), Configs.Cart());
        var s = new Scenario(config).Given(Tp.Identify("2026-11-22T00:00:00Z"), Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
        var revoked = new Scenario(config).Given(Tp.Identify("2026-11-22T00:00:00Z"), Tp.Consent("2026-11-22T00:00:00Z", email: false),
            Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-42 message.suppressed abandoned_cart/1 no_reachable_channel", revoked.Lines);
    }

    [Fact]
    public void Consent_revoked_mid_journey_stops_later_sends_at_once()
    {
        var s = EmailReachable(Configs.With(Configs.Cart())).Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z")
            .Given(Tp.Consent("2026-11-22T12:00:00Z", email: false)).RunUntil("2026-11-30T00:00:00Z");
        Assert.Contains("2026-11-23 11:00 c-42 message.suppressed abandoned_cart/2 no_reachable_channel", s.Lines);
    }

    [Fact]
    public void The_frequency_cap_counts_sends_across_triggers_in_a_rolling_day()
    {
        var config = Configs.With(Configs.Defaults(cap: new FrequencyCap(1, null)), Configs.Cart(), Configs.Cart("second_cart"));
        var s = EmailReachable(config).Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
        Assert.Contains("2026-11-22 11:00 c-42 message.suppressed second_cart/1 frequency_cap", s.Lines);
    }

    [Fact]
    public void The_daily_window_is_half_open_so_a_send_24h_later_is_allowed()
    {
        var config = Configs.With(Configs.Defaults(cap: new FrequencyCap(1, null)), Configs.Cart());
        var s = EmailReachable(config).Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-30T00:00:00Z");
        Assert.Contains("2026-11-23 11:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2", s.Lines);
    }

    [Fact]
    public void The_weekly_cap_suppresses_and_the_journey_goes_on()
    {
        var config = Configs.With(Configs.Defaults(cap: new FrequencyCap(null, 1)), Configs.Cart());
        EmailReachable(config).Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-30T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-23 11:00 c-42 message.suppressed abandoned_cart/2 frequency_cap",
            "2026-11-23 11:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void A_holdout_customer_gets_stand_ins_that_count_and_convert()
    {
        var config = Configs.With(Configs.Cart() with { HoldoutPercent = 10m });
        new Scenario(config).Given(
                Tp.Identify("2026-11-22T00:00:00Z", customer: "c-16"), Tp.Consent("2026-11-22T00:00:00Z", customer: "c-16"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-16")).RunUntil("2026-11-22T12:00:00Z")
            .Given(Tp.Order("2026-11-22T12:00:00Z", customer: "c-16")).Then(
            "2026-11-22 10:00 c-16 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-16 message.suppressed abandoned_cart/1 holdout",
            "2026-11-22 12:00 c-16 journey.exited abandoned_cart order_completed",
            "2026-11-22 12:00 c-16 conversion abandoned_cart/1 email o-1 32900 holdout");
    }

    [Fact]
    public void Holdout_is_decided_after_channel_choice()
    {
        var config = Configs.With(Configs.Cart() with { HoldoutPercent = 10m });
        var s = new Scenario(config).Given(Tp.Add("2026-11-22T10:00:00Z", customer: "c-16")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-16 message.suppressed abandoned_cart/1 no_reachable_channel", s.Lines);
    }

    [Fact]
    public void A_holdout_stand_in_counts_against_the_cap()
    {
        var config = Configs.With(Configs.Defaults(cap: new FrequencyCap(1, null)), Configs.Cart() with { HoldoutPercent = 10m }, Configs.Cart("second_cart"));
        var s = new Scenario(config).Given(
            Tp.Identify("2026-11-22T00:00:00Z", customer: "c-16"), Tp.Consent("2026-11-22T00:00:00Z", customer: "c-16"),
            Tp.Add("2026-11-22T10:00:00Z", customer: "c-16")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-16 message.suppressed abandoned_cart/1 holdout", s.Lines);
        Assert.Contains("2026-11-22 11:00 c-16 message.suppressed second_cart/1 frequency_cap", s.Lines);
    }
}
