using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Journeys.CartAbandoned;

public class CartAbandonedJourneyTests
{
    static Scenario Reachable(TriggerConfiguration? config = null) => new Scenario(config ?? Configs.With(Configs.Cart()))
        .Given(Tp.Identify("2026-11-22T08:00:00Z"), Tp.Consent("2026-11-22T08:00:00Z"));

    [Fact]
    public void Cart_left_alone_gets_every_step_then_the_journey_completes()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-30T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-23 11:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-11-23 11:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void New_cart_activity_pushes_the_pending_step_out()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.ViewCart("2026-11-22T10:40:00Z")).RunUntil("2026-11-22T12:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:40 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }

    [Fact]
    public void Step_two_is_due_after_the_later_of_step_one_and_the_last_activity()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.Checkout("2026-11-22T12:00:00Z")).RunUntil("2026-11-24T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-23 12:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-11-23 12:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void An_order_ends_the_journey_and_is_credited_to_the_reminder()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z")
            .Given(Tp.Order("2026-11-22T13:00:00Z", revenue: 32900m)).RunUntil("2026-11-30T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 13:00 c-42 journey.exited abandoned_cart order_completed",
            "2026-11-22 13:00 c-42 conversion abandoned_cart/1 email o-1 32900");
    }

    [Fact]
    public void An_order_outside_the_attribution_window_is_not_a_conversion()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-26T12:00:00Z")
            .Given(Tp.Order("2026-11-26T12:00:00Z"));
        Assert.DoesNotContain(s.Lines, l => l.Contains("conversion", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repeated_order_id_is_credited_once()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T10:00:00Z")).RunUntil("2026-11-22T12:00:00Z")
            .Given(Tp.Order("2026-11-22T13:00:00Z"), Tp.Order("2026-11-22T13:05:00Z"));
        Assert.Single(s.Lines, l => l.Contains("conversion", StringComparison.Ordinal));
    }

    [Fact]
    public void Emptying_the_cart_ends_the_journey()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.Remove("2026-11-22T10:10:00Z")).RunUntil("2026-11-30T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 10:10 c-42 journey.exited abandoned_cart cart_emptied");
    }

    [Fact]
    public void Removing_part_of_a_line_keeps_the_journey()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T10:00:00Z", quantity: 2), Tp.Remove("2026-11-22T10:10:00Z", quantity: 1));
        Assert.Equal(1, s.Customer().Cart.Lines.Single().Quantity);
        Assert.DoesNotContain(s.Lines, l => l.Contains("exited", StringComparison.Ordinal));
    }

    [Fact]
    public void Cart_cleared_ends_the_journey()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.Clear("2026-11-22T10:10:00Z")).RunUntil("2026-11-30T00:00:00Z").Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 10:10 c-42 journey.exited abandoned_cart cart_emptied");
    }

    [Fact]
    public void A_late_cart_event_from_before_the_order_does_not_reopen_the_cart()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.Order("2026-11-22T10:30:00Z"), Tp.Add("2026-11-22T10:20:00Z", sku: "MOUSE"))
            .RunUntil("2026-11-30T00:00:00Z");
        Assert.True(s.Customer().Cart.IsEmpty);
        Assert.Equal(new[]
        {
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 10:30 c-42 journey.exited abandoned_cart order_completed",
        }, s.Lines);
    }

    [Fact]
    public void A_cart_event_stamped_exactly_at_the_order_is_history()
    {
        var s = Reachable().Given(Tp.Order("2026-11-22T10:30:00Z"), Tp.Add("2026-11-22T10:30:00Z"));
        Assert.True(s.Customer().Cart.IsEmpty);
    }

    [Fact]
    public void After_a_journey_ends_the_next_cart_activity_starts_a_new_one()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.Order("2026-11-22T10:30:00Z", orderId: "o-1"), Tp.Add("2026-11-23T09:00:00Z"));
        Assert.Equal(2, s.Lines.Count(l => l.Contains("journey.entered", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_viewed_empty_cart_does_not_start_a_journey()
    {
        Reachable().Given(Tp.ViewCart("2026-11-22T10:00:00Z")).RunUntil("2026-11-30T00:00:00Z").Then();
    }

    [Fact]
    public void Reentry_cooldown_ignores_activity_that_would_start_a_journey_too_soon()
    {
        var cart = Configs.Cart() with { ReentryCooldown = Configs.D("P1D") };
        var s = Reachable(Configs.With(cart)).Given(
            Tp.Add("2026-11-22T10:00:00Z"), Tp.Order("2026-11-22T10:30:00Z"),
            Tp.Add("2026-11-22T12:00:00Z", sku: "MOUSE"),
            Tp.Order("2026-11-22T12:30:00Z", orderId: "o-2"),
            Tp.Add("2026-11-23T10:00:00Z", sku: "DESK"));
        Assert.Equal(2, s.Lines.Count(l => l.Contains("journey.entered", StringComparison.Ordinal)));
        Assert.Contains("2026-11-23 10:00 c-42 journey.entered abandoned_cart", s.Lines);
    }

    [Fact]
    public void Nothing_arms_when_the_cooldown_expires()
    {
        var cart = Configs.Cart() with { ReentryCooldown = Configs.D("P1D") };
        var s = Reachable(Configs.With(cart)).Given(
            Tp.Add("2026-11-22T10:00:00Z"), Tp.Order("2026-11-22T10:30:00Z"), Tp.Add("2026-11-22T12:00:00Z", sku: "MOUSE"))
            .RunUntil("2026-11-30T00:00:00Z");
        Assert.Single(s.Lines, l => l.Contains("journey.entered", StringComparison.Ordinal));
        Assert.DoesNotContain(s.Lines, l => l.Contains("message.sent", StringComparison.Ordinal) && !l.StartsWith("2026-11-22 11:", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_events_have_no_effect()
    {
        var add = Tp.Add("2026-11-22T10:00:00Z", id: "evt-dup");
        var s = Reachable().Given(add, add with { Timestamp = Tp.At("2026-11-22T10:50:00Z") }).RunUntil("2026-11-22T12:00:00Z");
        Assert.Equal(1, s.Customer().Cart.Lines.Single().Quantity);
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void A_late_event_never_moves_a_clock_backwards()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.ViewCart("2026-11-22T09:00:00Z")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Equal(Tp.At("2026-11-22T10:00:00Z"), s.Customer().Clocks.LastCartActivity);
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void A_timer_due_at_the_same_instant_as_an_event_fires_first()
    {
        Reachable().Given(Tp.Add("2026-11-22T10:00:00Z"), Tp.Order("2026-11-22T11:00:00Z")).Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-42 journey.exited abandoned_cart order_completed",
            "2026-11-22 11:00 c-42 conversion abandoned_cart/1 email o-1 32900");
    }
}
