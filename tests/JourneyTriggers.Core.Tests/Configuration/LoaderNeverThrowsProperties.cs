using CsCheck;
using JourneyTriggers.Core.Configuration.Loading;

namespace JourneyTriggers.Core.Tests.Configuration;

/// <summary>Bad input is data: whatever the text, the loader answers with a result, never an exception.</summary>
public class LoaderNeverThrowsProperties
{
    // Real keys, near misses and values that probe each rule's edge, so generated documents reach deep
    // into the readers instead of stopping at the first unknown key.
    static readonly string[] Keys =
    [
        "defaults", "triggers", "timeZone", "locale", "quietHours", "start", "end", "frequencyCap", "perDay",
        "perWeek", "holdoutPercent", "attributionWindow", "emailConsent", "name", "kind", "steps", "minViews",
        "reentryCooldown", "after", "channels", "template", "branches", "variants", "when", "minCartValue",
        "maxCartValue", "tiers", "minOrders", "maxOrders", "weight", "quiethours", "\\ud800", "",
    ];

    static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "1", "-1", "2", "50", "100", "12.5", "1e400", "-1e400", "2147483648",
        "\"PT1H\"", "\"P1D\"", "\"PT0S\"", "\"P1M\"", "\"PT-1H\"", "\"P2147483647W\"", "\"PT9223372036854775807S\"",
        "\"21:00\"", "\"08:00:30\"", "\"24:00\"", "\"push\"", "\"email\"", "\"cart_abandoned\"", "\"browse_abandoned\"",
        "\"app_inactive\"", "\"explicit\"", "\"Asia/Bangkok\"", "\"th-TH\"", "\"A\"", "\"cart\"", "\"\"", "\"\\ud800\"",
        "\"\\udc00x\"",
    ];

    static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, value) =>
    {
        var scalar = Gen.OneOf(Scalars);
        if (depth >= 6)
            return scalar;
        var array = value.Array[0, 4].Select(items => $"[{string.Join(",", items)}]");
        var member = Gen.Select(Gen.OneOf(Keys), value, (key, item) => $"\"{key}\":{item}");
        var obj = member.Array[0, 6].Select(members => $"{{{string.Join(",", members)}}}");
        return Gen.Frequency((2, scalar), (1, array), (3, obj));
    });

    [Fact]
    public void Arbitrary_text_never_throws() =>
        Gen.String.Sample(text => IsAnswered(ConfigurationLoader.Load(text)));

    [Fact]
    public void Arbitrary_bytes_never_throw() =>
        Gen.Byte.Array.Sample(bytes => IsAnswered(ConfigurationLoader.Load(bytes)));

    [Fact]
    public void Arbitrary_documents_made_of_configuration_words_never_throw() =>
        JsonValue.Sample(json => IsAnswered(ConfigurationLoader.Load(json)), iter: 5_000);

    static bool IsAnswered(ConfigurationLoadResult result) => result switch
    {
        ConfigurationLoadResult.Loaded => true,
        ConfigurationLoadResult.Invalid invalid => invalid.Errors.Count > 0
            && invalid.Errors.All(error => error.Path.Length > 0 && error.Message.Length > 0),
        _ => false,
    };
}
