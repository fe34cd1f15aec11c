using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class StepValidationTests
{
    const string Branches = """ "branches": [ { "name": "all", "channels": ["email"], "template": "t" } ] """;

    [Fact]
    public void A_step_names_its_channels_or_its_branches_never_both() =>
        Assert.Equal(
            "triggers[0].steps[1]: has both \"branches\" and \"channels\"; use one",
            Error(WithStep($$"""{ "after": "P1D", "channels": ["email"], {{Branches}} }""")));

    [Fact]
    public void Each_key_that_clashes_with_branches_is_named() =>
        Assert.Equal(
            [
                "triggers[0].steps[1]: has both \"branches\" and \"channels\"; use one",
                "triggers[0].steps[1]: has both \"branches\" and \"template\"; use one",
                "triggers[0].steps[1]: has both \"branches\" and \"variants\"; put the variants on the branches",
            ],
            Errors(WithStep($$"""
                { "after": "P1D", "channels": ["email"], "template": "t", {{Branches}},
                  "variants": [ { "name": "A", "weight": 100 } ] }
                """)));

    [Theory]
    [InlineData("""{ "after": "P1D" }""", "triggers[0].steps[1]: needs \"channels\" and \"template\", or \"branches\"")]
    [InlineData("""{ "after": "P1D", "channels": ["email"] }""", "triggers[0].steps[1].template: required")]
    [InlineData("""{ "after": "P1D", "template": "t" }""", "triggers[0].steps[1].channels: required")]
    [InlineData("""{ "after": "P1D", "channels": [], "template": "t" }""", "triggers[0].steps[1].channels: must list at least one channel")]
    [InlineData("""{ "after": "P1D", "channels": "email", "template": "t" }""", "triggers[0].steps[1].channels: expected an array, got \"email\"")]
    [InlineData("""{ "after": "P1D", "channels": ["email", "sms"], "template": "t" }""", "triggers[0].steps[1].channels[1]: \"sms\" is not one of \"push\", \"email\"")]
    [InlineData("""{ "after": "P1D", "channels": ["email", "push", "email"], "template": "t" }""", "triggers[0].steps[1].channels[2]: \"email\" is listed twice")]
    [InlineData("""{ "after": "P1D", "channels": ["email"], "template": "Cart Reminder" }""", "triggers[0].steps[1].template: \"Cart Reminder\" is not a valid name: use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit")]
    [InlineData("""{ "after": "P1D", "channels": ["email"], "template": "" }""", "triggers[0].steps[1].template: \"\" is not a valid name: use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit")]
    [InlineData("""{ "after": "P1D", "channels": ["email"], "template": "-t" }""", "triggers[0].steps[1].template: \"-t\" is not a valid name: use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit")]
    [InlineData("""{ "after": "P1D", "branches": [] }""", "triggers[0].steps[1].branches: must list at least one branch")]
    public void A_direct_step_needs_distinct_known_channels_and_a_safe_template(string step, string expected) =>
        Assert.Equal(expected, Error(WithStep(step)));

    [Fact]
    public void Steps_are_numbered_from_one() =>
        Assert.Equal([1, 2], Loaded(WithStep(Step)).Triggers[0].Steps.Select(step => step.Number));
}
