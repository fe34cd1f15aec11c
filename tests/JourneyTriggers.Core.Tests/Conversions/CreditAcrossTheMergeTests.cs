using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Tests.Support;
using static JourneyTriggers.Core.Tests.Support.Tp;

namespace JourneyTriggers.Core.Tests.Conversions;

/// <summary>
/// An order placed under one id, with the reminder whose window holds it sent to the other: the merge credits it, once,
/// to the customer the two ids turn out to be.
/// </summary>
public class CreditAcrossTheMergeTests
{
    /// <summary>Known customer c-42, emailable, reminded at 11:00 about the cart they filled at 10:00.</summary>
    static Scenario RemindedKnownCustomer() => new Scenario(Configs.With(Configs.Cart()))
        .Given(Identify("2026-11-22T09:00:00Z"), Consent("2026-11-22T09:00:01Z"), Add("2026-11-22T10:00:00Z"))
        .RunUntil("2026-11-22T11:30:00Z");

    [Fact]
    public void A_guest_order_after_the_known_customers_reminder_is_credited_to_it_when_the_visitor_identifies()
    {
        var s = RemindedKnownCustomer()
            .Given(Order("2026-11-22T12:00:00Z", orderId: "o-7", revenue: 1290m, customer: null, anonymous: "a-9"),
                Identify("2026-11-22T12:05:00Z", customer: "c-42", anonymous: "a-9"));

        Assert.Equal(
        [
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 12:05 c-42 journey.exited abandoned_cart order_completed",
            "2026-11-22 12:05 c-42 conversion abandoned_cart/1 email o-7 1290",
        ], s.Lines);
        Assert.Empty(s.Customer().Orders.Uncredited);
        Assert.True(s.Customer().Ledger.Entries.Single().Converted);
    }

    [Fact]
    public void A_known_customers_order_after_the_visitors_push_reminder_is_credited_to_it_when_the_visitor_identifies()
    {
        var s = new Scenario(Configs.With(Configs.Cart()))
            .Given(Register("2026-11-22T09:00:00Z", customer: null, anonymous: "a-9"), Consent("2026-11-22T09:00:01Z", email: null, push: true, customer: null, anonymous: "a-9"),
                Add("2026-11-22T10:00:00Z", customer: null, anonymous: "a-9"))
            .RunUntil("2026-11-22T11:30:00Z")
            .Given(Order("2026-11-22T12:00:00Z", orderId: "o-8", customer: "c-42"), Identify("2026-11-22T13:00:00Z", customer: "c-42", anonymous: "a-9"));

        Assert.Equal(
        [
            "2026-11-22 10:00 anon:a-9 journey.entered abandoned_cart",
            "2026-11-22 11:00 anon:a-9 message.sent abandoned_cart/1 push cart-reminder-1",
            "2026-11-22 13:00 c-42 journey.exited abandoned_cart order_completed",
            "2026-11-22 13:00 c-42 conversion abandoned_cart/1 push o-8 32900",
        ], s.Lines);
    }

    [Fact]
    public void An_order_no_reminder_of_either_side_holds_stays_uncredited_and_is_kept()
    {
        var s = new Scenario(Configs.With(Configs.Cart()))
            .Given(Order("2026-11-22T12:00:00Z", orderId: "o-7", revenue: 1290m, customer: null, anonymous: "a-9"),
                Identify("2026-11-22T12:05:00Z", customer: "c-42", anonymous: "a-9"));

        Assert.DoesNotContain(s.Lines, line => line.Contains("conversion", StringComparison.Ordinal));
        Assert.Equal(new UncreditedOrder("o-7", At("2026-11-22T12:00:00Z"), 1290m, "THB"), Assert.Single(s.Customer().Orders.Uncredited));
    }

    [Fact]
    public void An_order_credited_before_the_merge_is_not_credited_again()
    {
        // The visitor's own order goes to the known customer's reminder at once: the id arrives with both ids, no merge.
        var s = RemindedKnownCustomer()
            .Given(Order("2026-11-22T12:00:00Z", orderId: "o-7", customer: "c-42"), Identify("2026-11-22T12:05:00Z", customer: "c-42", anonymous: "a-9"));

        Assert.Single(s.Lines, line => line.Contains("conversion", StringComparison.Ordinal));
        Assert.Empty(s.Customer().Orders.Uncredited);
    }

    [Fact]
    public void The_same_order_on_both_sides_is_credited_once_and_not_at_all_when_either_side_credited_it()
    {
        var credited = new OrderHistory(1, ["o-7"]);
        var uncredited = new OrderHistory(1, ["o-7"]).WithUncredited(new UncreditedOrder("o-7", At("2026-11-22T12:00:00Z"), 1290m, "THB"), At("2026-11-01T00:00:00Z"));

        Assert.Single(uncredited.Merge(uncredited).Uncredited);
        Assert.Empty(uncredited.Merge(credited).Uncredited);
        Assert.Empty(credited.Merge(uncredited).Uncredited);
    }

    [Fact]
    public void Repeating_the_merge_credits_nothing_more()
    {
        var s = RemindedKnownCustomer()
            .Given(Order("2026-11-22T12:00:00Z", orderId: "o-7", customer: null, anonymous: "a-9"));
        var identify = Identify("2026-11-22T12:05:00Z", customer: "c-42", anonymous: "a-9");
        s.Given(identify, identify);

        Assert.Single(s.Lines, line => line.Contains("conversion", StringComparison.Ordinal));
    }

    [Fact]
    public void An_order_placed_longer_ago_than_any_reminder_could_be_kept_for_is_let_go_uncredited()
    {
        // The ledger keeps a reminder 7 days (the weekly cap) or its attribution window, whichever is longer: 7 days here.
        var s = RemindedKnownCustomer()
            .Given(Order("2026-11-22T12:00:00Z", orderId: "o-7", customer: null, anonymous: "a-9"),
                Identify("2026-11-29T12:00:01Z", customer: "c-42", anonymous: "a-9"));

        Assert.DoesNotContain(s.Lines, line => line.Contains("conversion", StringComparison.Ordinal));
        Assert.Empty(s.Customer().Orders.Uncredited);
    }

    [Fact]
    public void An_order_stamped_ahead_of_the_clock_is_not_credited_at_a_merge_to_a_reminder_sent_after_it_arrived()
    {
        // A live host takes timestamps up to 24 h ahead. The app journey, which an order does not end, reminds at 10:00,
        // after the order stamped 20:00 came in at 09:30: that reminder did not bring the order.
        var engine = new JourneyEngine(Configs.With(Configs.Trigger("app_inactive", TriggerKind.AppInactive,
            Configs.Step(1, "PT1H", Configs.Direct("we-miss-you", Channel.Push)))));
        var state = CustomerState.New(CustomerRef.Known(Tp.Customer));
        foreach (var tp in new Touchpoint[] { Register("2026-11-22T08:00:00Z"), Consent("2026-11-22T08:00:01Z", email: null, push: true) })
            state = engine.Decide(state, tp, tp.Timestamp).State;
        var opened = engine.Decide(state, Open("2026-11-22T09:00:00Z"), At("2026-11-22T09:00:00Z"));
        var arm = opened.Effects.OfType<ArmTimer>().Single();
        state = engine.Decide(opened.State, Order("2026-11-22T20:00:00Z", orderId: "o-early"), At("2026-11-22T09:30:00Z")).State;
        var fired = engine.Fire(state, new TimerDue(arm.Trigger, arm.Token, arm.DueAt), arm.DueAt);
        Assert.Single(fired.Effects.OfType<SendReminder>());

        var merge = engine.Merge(fired.State, CustomerState.New(CustomerRef.Anonymous("a-9")),
            Identify("2026-11-22T11:00:00Z", customer: Tp.Customer, anonymous: "a-9"), At("2026-11-22T11:00:00Z"));

        Assert.DoesNotContain(merge.Effects, e => e is RecordConversion);
        Assert.Equal(At("2026-11-22T09:30:00Z"), Assert.Single(merge.Known.Orders.Uncredited).At);
    }

    [Fact]
    public void A_late_order_is_kept_before_later_ones_and_one_older_than_the_horizon_not_at_all()
    {
        var keptSince = At("2026-11-15T12:00:00Z");
        var history = OrderHistory.None
            .WithUncredited(new UncreditedOrder("o-2", At("2026-11-22T12:00:00Z"), 1m, null), keptSince)
            .WithUncredited(new UncreditedOrder("o-1", At("2026-11-21T12:00:00Z"), 1m, null), keptSince)
            .WithUncredited(new UncreditedOrder("o-0", At("2026-11-01T12:00:00Z"), 1m, null), keptSince);

        Assert.Equal(["o-1", "o-2"], history.Uncredited.Select(o => o.OrderId));
    }

    [Fact]
    public void Uncredited_orders_are_a_window_the_oldest_let_go_first()
    {
        var history = OrderHistory.None;
        for (var i = 0; i < OrderHistory.MaxUncredited + 5; i++)
            history = history.Record($"o-{i}").WithUncredited(new UncreditedOrder($"o-{i}", At("2026-11-22T12:00:00Z") + NodaTime.Duration.FromMinutes(i), 100m, "THB"),
                At("2026-11-01T00:00:00Z"));

        Assert.Equal(OrderHistory.MaxUncredited, history.Uncredited.Length);
        Assert.Equal("o-5", history.Uncredited[0].OrderId);
    }
}
