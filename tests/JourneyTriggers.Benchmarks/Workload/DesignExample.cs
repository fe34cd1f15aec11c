using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Benchmarks.Workload;

/// <summary>
/// The configuration of DESIGN 4.3, built in code with the defaults already applied to each
/// trigger (as the loader does), so the benchmark measures the engine and not the loader.
/// </summary>
public static class DesignExample
{
    /// <summary>The same configuration as JSON, for <c>simulate --config</c> on the generated stream.</summary>
    public const string Json = """
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

    public static TriggerConfiguration Configuration()
    {
        var quiet = new QuietHoursWindow(new LocalTime(21, 0), new LocalTime(8, 0));
        var attribution = Duration.FromDays(3);
        const decimal holdout = 10m;
        var defaults = new ConfigurationDefaults(DateTimeZoneProviders.Tzdb["Asia/Bangkok"], "th-TH", quiet,
            new FrequencyCap(PerDay: 2, PerWeek: 5), holdout, attribution, EmailConsentMode.Explicit);

        TriggerDefinition Trigger(string name, TriggerKind kind, params StepDefinition[] steps) =>
            new(name, kind, steps, MinViews: 2, ReentryCooldown: null, holdout, quiet, attribution);

        return new TriggerConfiguration(defaults,
        [
            Trigger("abandoned_cart", TriggerKind.CartAbandoned,
                Step(1, Duration.FromHours(1), "cart-reminder-1", Channel.Push, Channel.Email),
                Step(2, Duration.FromDays(1), "cart-reminder-2", Channel.Email)),
            Trigger("browse_abandoned", TriggerKind.BrowseAbandoned,
                Step(1, Duration.FromHours(2), "browse-reminder", Channel.Email)),
            Trigger("app_inactive", TriggerKind.AppInactive,
                Step(1, Duration.FromDays(7), "we-miss-you", Channel.Push)),
        ]);
    }

    /// <summary>A step that names its channels and template: one unconditional branch, as the loader reads it.</summary>
    static StepDefinition Step(int number, Duration after, string template, params Channel[] channels) =>
        new(number, after, [new BranchDefinition(null, BranchCondition.Always, channels, template, [])]);
}
