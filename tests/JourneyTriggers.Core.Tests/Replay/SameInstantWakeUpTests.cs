using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Tests.Replay;

/// <summary>
/// DESIGN 4.3.1: timers due at the same instant fire in the order they were armed, and each firing's
/// effects come out together, in that order. The replay is what <c>simulate</c> prints, byte for byte,
/// so an order that depended on customer ids, tokens or the heap's whims would change its output.
/// </summary>
public class SameInstantWakeUpTests
{
    static readonly StepDefinition StepOne = Configs.Step(1, "PT1H", Configs.Direct("cart-reminder-1"));

    static TriggerDefinition Cart(params StepDefinition[] steps) => Configs.Trigger("abandoned_cart", TriggerKind.CartAbandoned, steps);

    /// <summary>Every customer is known by email, and implicit consent lets each reminder go out.</summary>
    static TriggerConfiguration Emailing(params TriggerDefinition[] triggers) =>
        Configs.With(Configs.Defaults(consent: EmailConsentMode.Implicit), triggers);

    /// <summary>Known in id order, so neither the order customers were first seen nor their ids matches the order of arming.</summary>
    static Scenario Identified(TriggerConfiguration config, params string[] customers) =>
        new Scenario(config).Given(customers.Order(StringComparer.Ordinal).Select(c => Tp.Identify("2026-11-22T08:00:00Z", customer: c)).ToArray<Touchpoint>());

    [Fact]
    public void Wake_ups_due_at_the_same_instant_fire_in_the_order_they_were_armed_across_customers()
    {
        Identified(Emailing(Cart(StepOne)), "c-1", "c-2", "c-3", "c-4", "c-5")
            .Given(
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-3"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-5"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-1"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-4"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-2"))
            .RunUntil("2026-11-23T00:00:00Z").Then(
            "2026-11-22 10:00 c-3 journey.entered abandoned_cart",
            "2026-11-22 10:00 c-5 journey.entered abandoned_cart",
            "2026-11-22 10:00 c-1 journey.entered abandoned_cart",
            "2026-11-22 10:00 c-4 journey.entered abandoned_cart",
            "2026-11-22 10:00 c-2 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-3 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-3 journey.exited abandoned_cart completed",
            "2026-11-22 11:00 c-5 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-5 journey.exited abandoned_cart completed",
            "2026-11-22 11:00 c-1 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-1 journey.exited abandoned_cart completed",
            "2026-11-22 11:00 c-4 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-4 journey.exited abandoned_cart completed",
            "2026-11-22 11:00 c-2 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-2 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void A_wake_up_armed_earlier_fires_first_even_when_its_delay_was_longer()
    {
                // c-b's browse step (PT2H) is armed at 09:00, c-a's cart step (PT1H) at 10:00: both are due at 11:00.
        Identified(Emailing(Configs.Browse(), Cart(StepOne)), "c-a", "c-b")
            .Given(
                Tp.View("2026-11-22T09:00:00Z", customer: "c-b"), Tp.View("2026-11-22T09:00:00Z", sku: "MSE-W", customer: "c-b"),
                Tp.Add("2026-11-22T10:00:00Z", customer: "c-a"))
            .RunUntil("2026-11-22T12:00:00Z").Then(
            "2026-11-22 09:00 c-b journey.entered browse_abandoned",
            "2026-11-22 10:00 c-a journey.entered abandoned_cart",
            "2026-11-22 11:00 c-b message.sent browse_abandoned/1 email browse-reminder",
            "2026-11-22 11:00 c-b journey.exited browse_abandoned completed",
            "2026-11-22 11:00 c-a message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-a journey.exited abandoned_cart completed");
    }

    [Fact]
    public void A_wake_up_armed_by_a_firing_for_that_same_instant_waits_behind_those_armed_before_it()
    {
        // Step 2 follows step 1 at once: c-1's step 2 is armed at 11:00, after c-2's step 1 was armed at 10:00.
        Identified(Emailing(Cart(StepOne, Configs.Step(2, "PT0S", Configs.Direct("cart-reminder-2")))), "c-1", "c-2")
            .Given(Tp.Add("2026-11-22T10:00:00Z", customer: "c-1"), Tp.Add("2026-11-22T10:00:00Z", customer: "c-2"))
            .RunUntil("2026-11-22T12:00:00Z").Then(
            "2026-11-22 10:00 c-1 journey.entered abandoned_cart",
            "2026-11-22 10:00 c-2 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-1 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-2 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-11-22 11:00 c-1 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-11-22 11:00 c-1 journey.exited abandoned_cart completed",
            "2026-11-22 11:00 c-2 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-11-22 11:00 c-2 journey.exited abandoned_cart completed");
    }
}
