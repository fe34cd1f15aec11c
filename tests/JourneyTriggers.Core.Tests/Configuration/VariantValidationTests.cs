using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class VariantValidationTests
{
    static string WithVariants(string variants) =>
        WithStep($$"""{ "after": "P1D", "channels": ["email"], "template": "t", "variants": [ {{variants}} ] }""");

    [Fact]
    public void Weights_must_sum_to_exactly_one_hundred() =>
        Assert.Equal(
            "triggers[0].steps[1].variants: weights sum to 90, expected 100",
            Error(WithVariants("""{ "name": "A", "weight": 40 }, { "name": "B", "weight": 50 }""")));

    [Fact]
    public void Weights_on_a_branch_are_checked_there() =>
        Assert.Equal(
            "triggers[0].steps[1].branches[0].variants: weights sum to 110, expected 100",
            Error(WithStep("""
                { "after": "P1D", "branches": [ { "name": "all", "channels": ["email"], "template": "t",
                  "variants": [ { "name": "A", "weight": 60 }, { "name": "B", "weight": 50 } ] } ] }
                """)));

    [Theory]
    [InlineData("""{ "name": "A", "weight": 0 }, { "name": "B", "weight": 100 }""", "triggers[0].steps[1].variants[0].weight: must be a whole number of at least 1, got 0")]
    [InlineData("""{ "name": "A", "weight": 50.5 }, { "name": "B", "weight": 49.5 }""", "triggers[0].steps[1].variants[0].weight: must be a whole number of at least 1, got 50.5", "triggers[0].steps[1].variants[1].weight: must be a whole number of at least 1, got 49.5")]
    [InlineData("""{ "name": "A" }, { "name": "B", "weight": 100 }""", "triggers[0].steps[1].variants[0].weight: required")]
    [InlineData("""{ "weight": 50 }, { "name": "B", "weight": 50 }""", "triggers[0].steps[1].variants[0].name: required")]
    [InlineData("""{ "name": "A", "weight": 50 }, { "name": "A", "weight": 50 }""", "triggers[0].steps[1].variants[1].name: \"A\" is already used by variants[0]")]
    [InlineData("""{ "name": "A B", "weight": 100 }""", "triggers[0].steps[1].variants[0].name: \"A B\" is not a valid variant name: use letters, digits, \"_\" and \"-\", starting with a letter or digit")]
    [InlineData("""{ "name": "A", "weight": 100, "template": "Cart 2B" }""", "triggers[0].steps[1].variants[0].template: \"Cart 2B\" is not a valid name: use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit")]
    [InlineData("""{ "name": "A", "weight": 100, "channels": ["sms"] }""", "triggers[0].steps[1].variants[0].channels[0]: \"sms\" is not one of \"push\", \"email\"")]
    [InlineData("""{ "name": "A", "weight": 100, "offer": "10%" }""", "triggers[0].steps[1].variants[0].offer: unknown key; expected one of \"name\", \"weight\", \"template\", \"channels\"")]
    public void A_variant_needs_a_unique_name_and_a_positive_whole_weight(string variants, params string[] expected) =>
        Assert.Equal(expected, Errors(WithVariants(variants)));

    [Fact]
    public void An_empty_variants_list_is_refused() =>
        Assert.Equal("triggers[0].steps[1].variants: must list at least one variant", Error(WithVariants("")));
}
