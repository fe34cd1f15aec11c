using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Properties.Regressions;

/// <summary>
/// Found by <see cref="EnginePropertyTests.Delivering_a_copy_of_any_event_later_changes_no_effect"/>: a late
/// event can arm a step whose due instant is already behind the clock. That wake-up is due, so it fires
/// before the next event (DESIGN 4.3.1: the clock only moves forward; a timer due by an event's instant
/// fires first) — not only once some event happens to be stamped after it, which made the outcome
/// depend on the next event's timestamp, and let a duplicate change it.
/// </summary>
public class OverdueWakeUpTests
{
    static Scenario Run(bool withDuplicate)
    {
        var elsewhere = Tp.Open("2026-11-22T12:00:00Z", customer: "c-7");
        var s = new Scenario(Configs.With(Configs.Cart()))
            .Given(Tp.Identify("2026-11-22T08:00:00Z"), Tp.Consent("2026-11-22T08:00:00Z"), elsewhere)
            // Stamped two hours late: step 1 is due at 11:00, an hour behind the clock.
            .Given(Tp.Add("2026-11-22T10:00:00Z"));
        if (withDuplicate) s.Given(elsewhere);
        return s.Given(Tp.Order("2026-11-22T10:30:00Z")).RunUntil("2026-11-30T00:00:00Z");
    }

    [Fact]
    public void An_overdue_step_fires_before_the_next_event_whatever_that_event_is_stamped()
    {
        Run(withDuplicate: false).Then(
            "2026-11-22 12:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 12:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            // The order is stamped 10:30, before the reminder went out: nothing to credit.
            "2026-11-22 12:00 c-42 journey.exited abandoned_cart order_completed");
    }

    [Fact]
    public void A_duplicate_delivered_in_between_changes_nothing()
    {
        Assert.Equal(Run(withDuplicate: true).Lines, Run(withDuplicate: false).Lines);
    }
}
