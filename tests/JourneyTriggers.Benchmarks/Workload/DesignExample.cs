using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Configuration.Loading;

namespace JourneyTriggers.Benchmarks.Workload;

/// <summary>The configuration of DESIGN 4.3, the workload of every benchmark.</summary>
public static class DesignExample
{
    /// <summary>As JSON, also for <c>simulate --config</c> on the generated stream.</summary>
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

    /// <summary>
    /// The JSON above, through the loader. Loading happens once in set-up, so the benchmarks still measure
    /// only the engine; the loader's own tests check this is exactly the model DESIGN 4.3 describes.
    /// </summary>
    public static TriggerConfiguration Configuration() => ConfigurationLoader.Load(Json) switch
    {
        ConfigurationLoadResult.Loaded loaded => loaded.Configuration,
        ConfigurationLoadResult.Invalid invalid => throw new InvalidOperationException(string.Join("; ", invalid.Errors)),
        _ => throw new InvalidOperationException("Unknown configuration load result."),
    };
}
