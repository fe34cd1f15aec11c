using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Journeys.CartAbandoned;

/// <summary>
/// DESIGN 4.3.1: <c>P1D</c> is 24 hours of elapsed time, also across a daylight-saving change, so on
/// the customer's clock step 2 comes an hour earlier (autumn) or later (spring) than step 1 did; quiet
/// hours are then read on the customer's clock as it is at each instant. The configuration goes
/// through the loader, so what "P1D" means is the product's reading, not a test helper's.
/// </summary>
public class DaylightSavingTests
{
    static readonly TriggerConfiguration Config = Loaded("""
        { "defaults": { "timeZone": "Asia/Bangkok", "quietHours": { "start": "21:00", "end": "08:00" }, "emailConsent": "implicit" },
          "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned",
                          "steps": [ { "after": "PT1H", "channels": ["email"], "template": "cart-reminder-1" },
                                     { "after": "P1D",  "channels": ["email"], "template": "cart-reminder-2" } ] } ] }
        """);

    static Scenario In(string zone) => new Scenario(Config).Given(Tp.Identify("2026-01-01T00:00:00Z", timeZone: zone));

    [Fact]
    public void Across_the_autumn_change_P1D_lands_an_hour_earlier_on_the_local_clock_and_that_hour_is_quiet()
    {
        // Berlin, 2026-10-25 03:00 CEST becomes 02:00 CET. Step 1 goes at 08:30 CEST; 24 h later it is
        // 07:30 CET, inside quiet hours, so step 2 waits for 08:00 CET. A calendar day would send at 08:30 CET.
        In("Europe/Berlin").Given(Tp.Add("2026-10-24T05:30:00Z")).RunUntil("2026-10-31T00:00:00Z").Then(
            "2026-10-24 05:30 c-42 journey.entered abandoned_cart",
            "2026-10-24 06:30 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-10-25 06:30 c-42 message.deferred abandoned_cart/2 until 2026-10-25 07:00",
            "2026-10-25 07:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-10-25 07:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void Across_the_spring_change_P1D_lands_an_hour_later_on_the_local_clock_and_that_hour_is_quiet()
    {
        // New York, 2026-03-08 02:00 EST becomes 03:00 EDT. Step 1 goes at 20:30 EST; 24 h later it is
        // 21:30 EDT, inside quiet hours, so step 2 waits for 08:00 EDT. A calendar day would send at 20:30 EDT.
        In("America/New_York").Given(Tp.Add("2026-03-08T00:30:00Z")).RunUntil("2026-03-15T00:00:00Z").Then(
            "2026-03-08 00:30 c-42 journey.entered abandoned_cart",
            "2026-03-08 01:30 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-03-09 01:30 c-42 message.deferred abandoned_cart/2 until 2026-03-09 12:00",
            "2026-03-09 12:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-03-09 12:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void Quiet_hours_that_begin_before_the_change_end_at_eight_on_the_clock_after_it()
    {
        // Berlin: deferred at 22:00 CEST on the night of the change, sent at 08:00 CET (07:00 UTC), not 08:00 CEST.
        In("Europe/Berlin").Given(Tp.Add("2026-10-24T19:00:00Z")).RunUntil("2026-10-31T00:00:00Z").Then(
            "2026-10-24 19:00 c-42 journey.entered abandoned_cart",
            "2026-10-24 20:00 c-42 message.deferred abandoned_cart/1 until 2026-10-25 07:00",
            "2026-10-25 07:00 c-42 message.sent abandoned_cart/1 email cart-reminder-1",
            "2026-10-26 07:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-10-26 07:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void A_step_due_in_the_repeated_hour_waits_for_the_end_of_quiet_hours_on_that_pass()
    {
        // New York, 2026-11-01: 01:00–02:00 happens twice. Quiet 22:00–01:30. Step 1 is due at 01:10 EST,
        // the second pass (06:10Z): the clock shows 01:10, so it waits for the second 01:30 (06:30Z).
        var config = Configs.With(Configs.Defaults("America/New_York", Configs.Quiet("22:00", "01:30"), consent: EmailConsentMode.Implicit), Configs.Cart());
        new Scenario(config).Given(Tp.Identify("2026-10-01T00:00:00Z"), Tp.Add("2026-11-01T05:10:00Z")).RunUntil("2026-11-01T07:00:00Z").Then(
            "2026-11-01 05:10 c-42 journey.entered abandoned_cart",
            "2026-11-01 06:10 c-42 message.deferred abandoned_cart/1 until 2026-11-01 06:30",
            "2026-11-01 06:30 c-42 message.sent abandoned_cart/1 email cart-reminder-1");
    }
}
