using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class TriggerValidationTests
{
    const string NameRule = "use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit";

    [Theory]
    [InlineData("{}", "triggers: required")]
    [InlineData("""{ "triggers": [] }""", "triggers: must list at least one trigger")]
    [InlineData("""{ "triggers": {} }""", "triggers: expected an array, got an object")]
    [InlineData("""{ "triggers": [ "cart" ] }""", "triggers[0]: expected an object, got \"cart\"")]
    public void A_file_needs_a_list_of_triggers(string json, string expected) => Assert.Equal(expected, Error(json));

    [Theory]
    [InlineData("""{ "kind": "cart_abandoned", "steps": [ {{STEP}} ] }""", "triggers[0].name: required")]
    [InlineData("""{ "name": "Abandoned Cart", "kind": "cart_abandoned", "steps": [ {{STEP}} ] }""", $"triggers[0].name: \"Abandoned Cart\" is not a valid name: {NameRule}")]
    [InlineData("""{ "name": "cart:1", "kind": "cart_abandoned", "steps": [ {{STEP}} ] }""", $"triggers[0].name: \"cart:1\" is not a valid name: {NameRule}")]
    [InlineData("""{ "name": "", "kind": "cart_abandoned", "steps": [ {{STEP}} ] }""", $"triggers[0].name: \"\" is not a valid name: {NameRule}")]
    [InlineData("""{ "name": "cart", "steps": [ {{STEP}} ] }""", "triggers[0].kind: required")]
    [InlineData("""{ "name": "cart", "kind": "cart", "steps": [ {{STEP}} ] }""", "triggers[0].kind: \"cart\" is not one of \"cart_abandoned\", \"browse_abandoned\", \"app_inactive\"")]
    [InlineData("""{ "name": "cart", "kind": "cart_abandoned" }""", "triggers[0].steps: required")]
    [InlineData("""{ "name": "cart", "kind": "cart_abandoned", "steps": [] }""", "triggers[0].steps: must list at least one step")]
    public void A_trigger_needs_a_safe_name_a_known_kind_and_steps(string trigger, string expected) =>
        Assert.Equal(expected, Error($$"""{ "triggers": [ {{trigger.Replace("{{STEP}}", Step)}} ] }"""));

    [Fact]
    public void An_empty_steps_list_is_named_by_its_trigger_index() =>
        Assert.Equal(
            "triggers[1].steps: must list at least one step",
            Error($$"""
                { "triggers": [ { "name": "cart", "kind": "cart_abandoned", "steps": [ {{Step}} ] },
                                { "name": "browse", "kind": "browse_abandoned", "steps": [] } ] }
                """));

    [Fact]
    public void Trigger_names_are_unique() =>
        Assert.Equal(
            "triggers[2].name: \"cart\" is already used by triggers[0]",
            Error($$"""
                { "triggers": [ { "name": "cart", "kind": "cart_abandoned", "steps": [ {{Step}} ] },
                                { "name": "app", "kind": "app_inactive", "steps": [ {{Step}} ] },
                                { "name": "cart", "kind": "browse_abandoned", "steps": [ {{Step}} ] } ] }
                """));

    [Theory]
    [InlineData("cart_abandoned", """ "minViews": 2 """, "triggers[0].minViews: only applies to kind \"browse_abandoned\"")]
    [InlineData("app_inactive", """ "minViews": 3 """, "triggers[0].minViews: only applies to kind \"browse_abandoned\"")]
    [InlineData("browse_abandoned", """ "minViews": 0 """, "triggers[0].minViews: must be a whole number of at least 1, got 0")]
    [InlineData("browse_abandoned", """ "minViews": "2" """, "triggers[0].minViews: expected a whole number, got \"2\"")]
    public void Min_views_is_a_positive_count_for_browse_abandonment_only(string kind, string members, string expected) =>
        Assert.Equal(expected, Error(WithTrigger(members, kind)));

    [Theory]
    [InlineData("3.0")]
    [InlineData("3e0")]
    public void A_whole_count_written_with_a_decimal_point_or_exponent_is_that_count(string written) =>
        Assert.Equal(3, Loaded(WithTrigger(" \"minViews\": " + written + " ", "browse_abandoned")).Triggers[0].MinViews);

    [Fact]
    public void Browse_abandonment_defaults_to_two_views() =>
        Assert.Equal(2, Loaded(WithTrigger(""" "holdoutPercent": 5 """, "browse_abandoned")).Triggers[0].MinViews);

    [Theory]
    [InlineData(""" "holdoutPercent": 101 """, "triggers[0].holdoutPercent: must be between 0 and 100, got 101")]
    [InlineData(""" "quietHours": { "start": "08:00", "end": "08:00" } """, "triggers[0].quietHours: start and end are both 08:00; use null to switch quiet hours off")]
    [InlineData(""" "attributionWindow": "P1Y" """, "triggers[0].attributionWindow: \"P1Y\" uses years; only weeks, days, hours, minutes and seconds are allowed")]
    [InlineData(""" "timeZone": "Asia/Bangkok" """, "triggers[0].timeZone: unknown key; expected one of \"name\", \"kind\", \"steps\", \"minViews\", \"reentryCooldown\", \"holdoutPercent\", \"quietHours\", \"attributionWindow\"")]
    public void Trigger_overrides_follow_the_same_rules_as_the_defaults(string members, string expected) =>
        Assert.Equal(expected, Error(WithTrigger(members)));
}
