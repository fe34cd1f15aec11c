using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Configuration.Loading;

namespace JourneyTriggers.Core.Tests.Configuration;

/// <summary>
/// Loads configuration text in tests, and wraps a fragment in an otherwise valid file so each test
/// shows only the part it is about.
/// </summary>
internal static class ConfigurationJson
{
    public const string Step = """{ "after": "PT1H", "channels": ["email"], "template": "cart-reminder-1" }""";

    /// <summary>The fragment is the members of <c>defaults</c>.</summary>
    public static string WithDefaults(string members) =>
        $$"""{ "defaults": { {{members}} }, "triggers": [ { "name": "cart", "kind": "cart_abandoned", "steps": [ {{Step}} ] } ] }""";

    /// <summary>The fragment is extra members of <c>triggers[0]</c>, a cart trigger unless it names its own kind.</summary>
    public static string WithTrigger(string members, string kind = "cart_abandoned") =>
        $$"""{ "triggers": [ { "name": "cart", "kind": "{{kind}}", "steps": [ {{Step}} ], {{members}} } ] }""";

    /// <summary>The fragment is <c>triggers[0].steps[1]</c>, after a valid first step.</summary>
    public static string WithStep(string step) =>
        $$"""{ "triggers": [ { "name": "cart", "kind": "cart_abandoned", "steps": [ {{Step}}, {{step}} ] } ] }""";

    public static TriggerConfiguration Loaded(string json) => ConfigurationLoader.Load(json) switch
    {
        ConfigurationLoadResult.Loaded loaded => loaded.Configuration,
        ConfigurationLoadResult.Invalid invalid => throw new Xunit.Sdk.XunitException(
            "Expected the configuration to load, got:\n" + string.Join("\n", invalid.Errors)),
        var other => throw new Xunit.Sdk.XunitException($"Unexpected result {other}"),
    };

    public static string[] Errors(string json) => ConfigurationLoader.Load(json) switch
    {
        ConfigurationLoadResult.Invalid invalid => [.. invalid.Errors.Select(error => error.ToString())],
        var other => throw new Xunit.Sdk.XunitException($"Expected errors, got {other}"),
    };

    public static string Error(string json) => Assert.Single(Errors(json));
}
