using JourneyTriggers.Core.Configuration;
using NodaTime;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

/// <summary>The examples of DESIGN 4.3, loaded into the exact model the engine reads.</summary>
public class DesignExampleTests
{
    static readonly DateTimeZone Bangkok = DateTimeZoneProviders.Tzdb["Asia/Bangkok"];
    static readonly QuietHoursWindow NineToEight = new(new LocalTime(21, 0), new LocalTime(8, 0));

    static BranchDefinition Direct(string template, params Channel[] channels) =>
        new(null, BranchCondition.Always, channels, template, []);

    [Fact]
    public void The_design_example_loads_with_the_defaults_applied_to_every_trigger()
    {
        const string json = """
            {
              "defaults": {
                "timeZone": "Asia/Bangkok", "locale": "th-TH",
                "quietHours": { "start": "21:00", "end": "08:00" },
                "frequencyCap": { "perDay": 2, "perWeek": 5 },
                "holdoutPercent": 10,
                "attributionWindow": "P3D",
                "emailConsent": "explicit"
              },
              "triggers": [
                { "name": "abandoned_cart", "kind": "cart_abandoned",
                  "steps": [ { "after": "PT1H", "channels": ["push", "email"], "template": "cart-reminder-1" },
                             { "after": "P1D",  "channels": ["email"],         "template": "cart-reminder-2" } ] },
                { "name": "browse_abandoned", "kind": "browse_abandoned", "minViews": 2,
                  "steps": [ { "after": "PT2H", "channels": ["email"], "template": "browse-reminder" } ] },
                { "name": "app_inactive", "kind": "app_inactive",
                  "steps": [ { "after": "P7D", "channels": ["push"], "template": "we-miss-you" } ] }
              ]
            }
            """;

        var threeDays = Duration.FromDays(3);
        TriggerConfiguration expected = new(
            new ConfigurationDefaults(Bangkok, "th-TH", NineToEight, new FrequencyCap(2, 5), 10m, threeDays, EmailConsentMode.Explicit),
            [
                new TriggerDefinition("abandoned_cart", TriggerKind.CartAbandoned,
                    [
                        new StepDefinition(1, Duration.FromHours(1), [Direct("cart-reminder-1", Channel.Push, Channel.Email)]),
                        new StepDefinition(2, Duration.FromHours(24), [Direct("cart-reminder-2", Channel.Email)]),
                    ],
                    MinViews: 2, ReentryCooldown: null, HoldoutPercent: 10m, NineToEight, threeDays),
                new TriggerDefinition("browse_abandoned", TriggerKind.BrowseAbandoned,
                    [new StepDefinition(1, Duration.FromHours(2), [Direct("browse-reminder", Channel.Email)])],
                    MinViews: 2, ReentryCooldown: null, HoldoutPercent: 10m, NineToEight, threeDays),
                new TriggerDefinition("app_inactive", TriggerKind.AppInactive,
                    [new StepDefinition(1, Duration.FromDays(7), [Direct("we-miss-you", Channel.Push)])],
                    MinViews: 2, ReentryCooldown: null, HoldoutPercent: 10m, NineToEight, threeDays),
            ]);

        Assert.Equivalent(expected, Loaded(json), strict: true);
    }

    [Fact]
    public void Branches_and_variants_load_in_order_and_a_direct_step_becomes_one_unnamed_unconditional_branch()
    {
        const string json = """
            { "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned", "steps": [
                { "after": "PT1H", "channels": ["push", "email"], "template": "cart-reminder-1",
                  "variants": [{ "name": "A", "weight": 50 }, { "name": "B", "weight": 50, "template": "cart-2b", "channels": ["push"] }] },
                { "after": "P1D", "branches": [
                  { "name": "vip", "when": { "minCartValue": 20000 }, "channels": ["email"], "template": "cart-vip" },
                  { "name": "first-order", "when": { "maxOrders": 1 }, "channels": ["email"], "template": "cart-welcome" },
                  { "name": "default", "channels": ["email", "push"], "template": "cart-reminder-2" } ] } ] } ] }
            """;

        VariantDefinition[] abTest = [new("A", 50, null, null), new("B", 50, "cart-2b", [Channel.Push])];
        StepDefinition[] expected =
        [
            new(1, Duration.FromHours(1), [new BranchDefinition(null, BranchCondition.Always, [Channel.Push, Channel.Email], "cart-reminder-1", abTest)]),
            new(2, Duration.FromDays(1),
            [
                new BranchDefinition("vip", BranchCondition.Always with { MinCartValue = 20000m }, [Channel.Email], "cart-vip", []),
                new BranchDefinition("first-order", BranchCondition.Always with { MaxOrders = 1 }, [Channel.Email], "cart-welcome", []),
                new BranchDefinition("default", BranchCondition.Always, [Channel.Email, Channel.Push], "cart-reminder-2", []),
            ]),
        ];

        Assert.Equivalent(expected, Assert.Single(Loaded(json).Triggers).Steps, strict: true);
    }

    [Fact]
    public void Without_defaults_every_trigger_gets_the_built_in_ones()
    {
        var configuration = Loaded("""{ "triggers": [ { "name": "cart", "kind": "cart_abandoned", "steps": [ { "after": "PT1H", "channels": ["email"], "template": "t" } ] } ] }""");

        Assert.Equivalent(
            new ConfigurationDefaults(DateTimeZone.Utc, "en-US", null, FrequencyCap.None, 0m, Duration.FromDays(3), EmailConsentMode.Explicit),
            configuration.Defaults,
            strict: true);
        var trigger = Assert.Single(configuration.Triggers);
        Assert.Equal((0m, (QuietHoursWindow?)null, Duration.FromDays(3), (Duration?)null, 2),
            (trigger.HoldoutPercent, trigger.QuietHours, trigger.AttributionWindow, trigger.ReentryCooldown, trigger.MinViews));
    }

    [Fact]
    public void A_trigger_overrides_holdout_quiet_hours_and_attribution_and_keeps_the_other_defaults()
    {
        const string json = """
            { "defaults": { "quietHours": { "start": "21:00", "end": "08:00" }, "holdoutPercent": 10, "attributionWindow": "P3D" },
              "triggers": [
                { "name": "loud", "kind": "cart_abandoned", "quietHours": null, "holdoutPercent": 0,
                  "steps": [ { "after": "PT1H", "channels": ["email"], "template": "t" } ] },
                { "name": "late", "kind": "app_inactive", "quietHours": { "start": "22:30", "end": "07:00:30" },
                  "holdoutPercent": 12.5, "attributionWindow": "P1DT12H", "reentryCooldown": "P30D",
                  "steps": [ { "after": "P7D", "channels": ["push"], "template": "t" } ] },
                { "name": "plain", "kind": "browse_abandoned", "minViews": 3,
                  "steps": [ { "after": "PT2H", "channels": ["email"], "template": "t" } ] } ] }
            """;

        var triggers = Loaded(json).Triggers;

        Assert.Equivalent(
            new[]
            {
                (0m, (QuietHoursWindow?)null, Duration.FromDays(3), (Duration?)null, 2),
                (12.5m, new QuietHoursWindow(new LocalTime(22, 30), new LocalTime(7, 0, 30)), Duration.FromHours(36), Duration.FromDays(30), 2),
                (10m, NineToEight, Duration.FromDays(3), null, 3),
            },
            triggers.Select(t => (t.HoldoutPercent, t.QuietHours, t.AttributionWindow, t.ReentryCooldown, t.MinViews)).ToArray(),
            strict: true);
    }

    [Fact]
    public void Implicit_email_consent_and_a_cap_on_one_window_only_are_accepted()
    {
        var defaults = Loaded(WithDefaults("""
            "emailConsent": "implicit", "frequencyCap": { "perWeek": 5 }, "locale": "zh-Hans-CN", "timeZone": "UTC"
            """)).Defaults;

        Assert.Equal((EmailConsentMode.Implicit, new FrequencyCap(null, 5), "zh-Hans-CN", "UTC"),
            (defaults.EmailConsent, defaults.FrequencyCap, defaults.Locale, defaults.TimeZone.Id));
    }
}
