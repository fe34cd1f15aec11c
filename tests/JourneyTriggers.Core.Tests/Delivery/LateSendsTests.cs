using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Delivery;

/// <summary>
/// Given a reminder the provider has not taken yet (it is in back-off), when its wake-up comes, then it goes only if the
/// customer has not since revoked the channel or ended the journey themselves.
/// </summary>
public sealed class LateSendsTests
{
    /// <summary>Step 1 of the cart journey decided and sent at 11:00.</summary>
    static Scenario Sent() => new Scenario(Configs.With(Configs.Cart()))
        .Given(Tp.Identify("2026-11-22T08:00:00Z"), Tp.Consent("2026-11-22T08:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"))
        .RunUntil("2026-11-22T11:30:00Z");

    static string FirstMessageId(Scenario scenario) => scenario.Effects.OfType<SendReminder>().First().MessageId;

    static string? Reason(Scenario scenario) =>
        LateSends.WithdrawalReason(scenario.Customer(), FirstMessageId(scenario), Channel.Email, EmailConsentMode.Explicit);

    [Fact]
    public void Nothing_since_the_decision_lets_it_go()
    {
        var scenario = Sent().Given(Tp.ViewCart("2026-11-22T11:10:00Z"));

        Assert.Null(Reason(scenario));
    }

    [Fact]
    public void A_revoked_consent_withdraws_it()
    {
        var scenario = Sent().Given(Tp.Consent("2026-11-22T11:05:00Z", email: false));

        Assert.Equal("withdrawn before the provider took it: the customer can no longer be reached by email (consent revoked or address gone)", Reason(scenario));
    }

    [Fact]
    public void An_order_after_the_decision_withdraws_it_even_when_the_order_is_stamped_earlier()
    {
        // The order happened at 10:50, but arrived after the reminder was decided: the customer had bought before it went.
        var scenario = Sent().Given(Tp.Order("2026-11-22T10:50:00Z"));

        Assert.Equal("withdrawn before the provider took it: its journey ended (order_completed) after it was decided", Reason(scenario));
    }

    [Fact]
    public void An_order_after_the_last_step_withdraws_it_through_its_conversion()
    {
        var scenario = new Scenario(Configs.With(Configs.Cart()))
            .Given(Tp.Identify("2026-11-22T08:00:00Z"), Tp.Consent("2026-11-22T08:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"))
            .RunUntil("2026-11-24T00:00:00Z");
        var last = scenario.Effects.OfType<SendReminder>().Last().MessageId;
        scenario.Given(Tp.Order("2026-11-24T01:00:00Z"));

        Assert.Equal("withdrawn before the provider took it: the customer ordered after it was decided",
            LateSends.WithdrawalReason(scenario.Customer(), last, Channel.Email, EmailConsentMode.Explicit));
    }

    [Fact]
    public void An_emptied_cart_withdraws_it()
    {
        var scenario = Sent().Given(Tp.Remove("2026-11-22T11:10:00Z"));

        Assert.Equal("withdrawn before the provider took it: its journey ended (cart_emptied) after it was decided", Reason(scenario));
    }

    [Fact]
    public void A_retry_that_falls_in_the_customers_quiet_hours_is_held_until_they_end_on_their_own_clock()
    {
        var quiet = Configs.With(Configs.Defaults(quiet: Configs.Quiet("21:00", "08:00")), Configs.Cart());
        var scenario = new Scenario(quiet).Given(Tp.Identify("2026-11-22T08:00:00Z", timeZone: "Asia/Bangkok"));

        // 22:30 in Bangkok: held until 08:00 there.
        Assert.Equal(Tp.At("2026-11-23T01:00:00Z"), LateSends.QuietUntil(scenario.Customer(), "abandoned_cart", quiet, Tp.At("2026-11-22T15:30:00Z")));
        // 12:00 in Bangkok: it goes.
        Assert.Null(LateSends.QuietUntil(scenario.Customer(), "abandoned_cart", quiet, Tp.At("2026-11-22T05:00:00Z")));
        // A trigger no longer configured falls back to the defaults' window.
        Assert.NotNull(LateSends.QuietUntil(scenario.Customer(), "removed_trigger", quiet, Tp.At("2026-11-22T15:30:00Z")));
    }

    [Fact]
    public void An_order_before_the_decision_does_not_withdraw_a_later_journeys_reminder()
    {
        var scenario = new Scenario(Configs.With(Configs.Cart()))
            .Given(Tp.Identify("2026-11-20T08:00:00Z"), Tp.Consent("2026-11-20T08:00:00Z"), Tp.Add("2026-11-20T10:00:00Z"),
                Tp.Order("2026-11-20T10:30:00Z"), Tp.Add("2026-11-22T10:00:00Z", id: "second-add"))
            .RunUntil("2026-11-22T11:30:00Z");

        Assert.Null(Reason(scenario));
    }
}
