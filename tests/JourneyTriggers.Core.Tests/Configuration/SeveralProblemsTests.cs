using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class SeveralProblemsTests
{
    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        const string json = """
            {
              "defaults": { "timeZone": "Mars/Olympus", "quiethours": null, "holdoutPercent": "ten" },
              "triggers": [
                { "name": "abandoned_cart", "kind": "cart_abandoned",
                  "steps": [ { "after": "PT1H", "channels": ["push", "sms"], "template": "cart-reminder-1" },
                             { "after": "P1M", "channels": ["email"], "template": "cart-reminder-2",
                               "variants": [ { "name": "A", "weight": 40 }, { "name": "B", "weight": 50 } ] } ] },
                { "name": "abandoned_cart", "kind": "browse", "steps": [] }
              ]
            }
            """;

        Assert.Equal(
            [
                "defaults.quiethours: unknown key; did you mean \"quietHours\"?",
                "defaults.timeZone: \"Mars/Olympus\" is not an IANA time zone id like \"Asia/Bangkok\"",
                "defaults.holdoutPercent: expected a number, got \"ten\"",
                "triggers[0].steps[0].channels[1]: \"sms\" is not one of \"push\", \"email\"",
                "triggers[0].steps[1].after: \"P1M\" uses months; only weeks, days, hours, minutes and seconds are allowed",
                "triggers[0].steps[1].variants: weights sum to 90, expected 100",
                "triggers[1].name: \"abandoned_cart\" is already used by triggers[0]",
                "triggers[1].kind: \"browse\" is not one of \"cart_abandoned\", \"browse_abandoned\", \"app_inactive\"",
                "triggers[1].steps: must list at least one step",
            ],
            Errors(json));
    }
}
