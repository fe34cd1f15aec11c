using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Customers;

public class IdentityMergeTests
{
    static Scenario Anonymous() => new Scenario(Configs.With(Configs.Cart(), Configs.Browse()))
        .Given(Tp.Add("2026-11-22T10:00:00Z", customer: null, anonymous: "a-9"));

    [Fact]
    public void Before_the_merge_effects_carry_the_anonymous_id()
    {
        Assert.Equal(new[] { "2026-11-22 10:00 anon:a-9 journey.entered abandoned_cart" }, Anonymous().Lines);
    }

    [Fact]
    public void Identifying_moves_the_cart_and_the_running_journey_to_the_known_customer()
    {
        var s = Anonymous().Given(
                Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"),
                Tp.Consent("2026-11-22T10:21:00Z", customer: "c-42"))
            .RunUntil("2026-11-22T12:00:00Z");
        s.Then(
            "2026-11-22 10:00 anon:a-9 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
        Assert.Equal("LAP-14", s.Customer().Cart.Lines.Single().Sku);
        Assert.Equal("c-42", s.Customers[ProfileKey.ForAnonymous("a-9")].MergedInto);
    }

    [Fact]
    public void Cart_lines_merge_and_quantities_add_up()
    {
        var s = Anonymous().Given(Tp.Add("2026-11-22T09:00:00Z", customer: "c-42", quantity: 2), Tp.Add("2026-11-22T09:00:00Z", sku: "MOUSE", customer: "c-42"),
            Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"));
        var lines = s.Customer().Cart.Lines;
        Assert.Equal(3, lines.Single(l => l.Sku == "LAP-14").Quantity);
        Assert.Equal(1, lines.Single(l => l.Sku == "MOUSE").Quantity);
    }

    [Fact]
    public void When_the_known_customer_already_runs_that_trigger_the_anonymous_journey_exits_merged()
    {
        var s = Anonymous().Given(Tp.Add("2026-11-22T10:10:00Z", customer: "c-42", sku: "MOUSE"),
            Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"), Tp.Consent("2026-11-22T10:21:00Z", customer: "c-42"))
            .RunUntil("2026-11-22T12:00:00Z");
        s.Then(
            "2026-11-22 10:00 anon:a-9 journey.entered abandoned_cart",
            "2026-11-22 10:10 c-42 journey.entered abandoned_cart",
            "2026-11-22 10:20 anon:a-9 journey.exited abandoned_cart merged",
            "2026-11-22 11:10 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }

    [Fact]
    public void The_surviving_journey_is_recomputed_from_the_merged_clocks()
    {
        var s = Anonymous().Given(Tp.ViewCart("2026-11-22T10:15:00Z", customer: "c-42"), Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"),
            Tp.Consent("2026-11-22T10:21:00Z", customer: "c-42")).RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:15 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }

    [Fact]
    public void Later_anonymous_events_go_to_the_known_customer()
    {
        var s = Anonymous().Given(Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"),
            Tp.Add("2026-11-22T10:30:00Z", sku: "MOUSE", customer: null, anonymous: "a-9"));
        Assert.Equal(2, s.Customer().Cart.Lines.Length);
    }

    [Fact]
    public void A_merge_that_brings_a_cart_journey_ends_a_browse_journey()
    {
        var s = Anonymous().Given(Tp.View("2026-11-22T10:05:00Z", customer: "c-42"), Tp.View("2026-11-22T10:06:00Z", customer: "c-42"),
            Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"));
        Assert.Contains("2026-11-22 10:20 c-42 journey.exited browse_abandoned cart_activity", s.Lines);
    }

    [Fact]
    public void Repeating_a_merge_changes_nothing()
    {
        var identify = Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9");
        var once = Anonymous().Given(identify).RunUntil("2026-11-30T00:00:00Z");
        var twice = Anonymous().Given(identify, identify).RunUntil("2026-11-30T00:00:00Z");
        Assert.Equal(once.Lines, twice.Lines);
    }

    [Fact]
    public void Erasing_exits_every_running_journey_and_forgets_the_customer()
    {
        var engine = new JourneyTriggers.Core.Journeys.JourneyEngine(Configs.With(Configs.Cart()));
        var s = new Scenario(engine.Configuration).Given(Tp.Identify("2026-11-22T09:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"));
        var erased = engine.Erase(s.Customer(), Tp.At("2026-11-22T10:30:00Z"));
        Assert.Equal(new[] { "2026-11-22 10:30 c-42 journey.exited abandoned_cart erased" }, erased.Effects.Select(Scenario.Describe));
        Assert.Null(erased.State.Profile.Email);
        Assert.True(erased.State.Cart.IsEmpty);
    }

    [Fact]
    public void An_anonymous_order_after_the_known_cart_ends_the_known_journey_at_the_merge()
    {
        var s = new Scenario(Configs.With(Configs.Cart())).Given(
                Tp.Identify("2026-11-22T09:00:00Z", customer: "c-42"), Tp.Consent("2026-11-22T09:00:00Z", customer: "c-42"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-42"),
                new JourneyTriggers.Core.Touchpoints.OrderCompleted(new("evt-anon-order"), CustomerRef.Anonymous("a-9"), Tp.At("2026-11-22T10:10:00Z"), "web", "o-9", 100m, "THB"),
                Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"))
            .RunUntil("2026-11-30T00:00:00Z");
        s.Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 10:20 c-42 journey.exited abandoned_cart order_completed");
        Assert.True(s.Customer().Cart.IsEmpty);
    }

    [Fact]
    public void A_known_order_after_the_anonymous_cart_does_not_let_the_merge_reopen_it()
    {
        var s = Anonymous().Given(
                Tp.Order("2026-11-22T10:10:00Z", customer: "c-42"),
                Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"), Tp.Consent("2026-11-22T10:21:00Z", customer: "c-42"))
            .RunUntil("2026-11-30T00:00:00Z");
        Assert.DoesNotContain(s.Lines, l => l.Contains("message.sent", StringComparison.Ordinal));
        Assert.True(s.Customer().Cart.IsEmpty);
    }

    [Fact]
    public void A_cart_touched_after_the_order_survives_the_merge()
    {
        var s = new Scenario(Configs.With(Configs.Cart())).Given(
                Tp.Order("2026-11-22T09:00:00Z", customer: "c-42", orderId: "o-old"),
                Tp.Add("2026-11-22T10:00:00Z", customer: null, anonymous: "a-9"),
                Tp.Identify("2026-11-22T10:20:00Z", customer: "c-42", anonymous: "a-9"), Tp.Consent("2026-11-22T10:21:00Z", customer: "c-42"))
            .RunUntil("2026-11-22T12:00:00Z");
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1", s.Lines);
    }
}
