using JourneyTriggers.Core.Configuration;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class BranchValidationTests
{
    static string WithBranches(string branches) => WithStep($$"""{ "after": "P1D", "branches": [ {{branches}} ] }""");

    static string Branch(string name, string when = "") =>
        $$"""{ "name": "{{name}}", {{(when == "" ? "" : $"\"when\": {when},")}} "channels": ["email"], "template": "t" }""";

    [Fact]
    public void Every_branch_after_one_without_when_is_unreachable() =>
        Assert.Equal(
            [
                "triggers[0].steps[1].branches[2]: unreachable, branches[1] has no \"when\"",
                "triggers[0].steps[1].branches[3]: unreachable, branches[1] has no \"when\"",
            ],
            Errors(WithBranches(string.Join(", ",
                Branch("vip", """{ "minCartValue": 20000 }"""), Branch("default"), Branch("gold", """{ "tiers": ["gold"] }"""), Branch("last")))));

    [Fact]
    public void A_when_reads_every_condition()
    {
        var branch = Loaded(WithBranches(Branch("all", """
            { "minCartValue": 100.5, "maxCartValue": 20000, "tiers": ["gold", "vip"], "minOrders": 0, "maxOrders": 3 }
            """))).Triggers[0].Steps[1].Branches[0];

        Assert.Equivalent(new BranchCondition(100.5m, 20000m, ["gold", "vip"], 0, 3), branch.When, strict: true);
    }

    [Theory]
    [InlineData("""{ "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].name: required")]
    [InlineData("""{ "name": "VIP", "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].name: \"VIP\" is not a valid name: use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit")]
    [InlineData("""{ "name": "vip", "when": {}, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when: names no condition; leave \"when\" out for a branch that always holds")]
    [InlineData("""{ "name": "vip", "when": { "minCartValue": 500, "maxCartValue": 100 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when: minCartValue (500) must be less than maxCartValue (100)")]
    [InlineData("""{ "name": "vip", "when": { "minCartValue": 100.0, "maxCartValue": 100 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when: minCartValue (100.0) must be less than maxCartValue (100)")]
    [InlineData("""{ "name": "vip", "when": { "minOrders": 2, "maxOrders": 2 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when: minOrders (2) must be less than maxOrders (2)")]
    [InlineData("""{ "name": "vip", "when": { "maxOrders": 0 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.maxOrders: 0 can never hold: no customer has fewer than 0 orders")]
    [InlineData("""{ "name": "vip", "when": { "minCartValue": 0, "maxCartValue": 0.0 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.maxCartValue: 0.0 can never hold: no cart is worth less than 0")]
    [InlineData("""{ "name": "vip", "when": { "minCartValue": -5 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.minCartValue: must not be negative, got -5")]
    [InlineData("""{ "name": "vip", "when": { "maxCartValue": "100" }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.maxCartValue: expected a number, got \"100\"")]
    [InlineData("""{ "name": "vip", "when": { "minOrders": -1 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.minOrders: must be a whole number of at least 0, got -1")]
    [InlineData("""{ "name": "vip", "when": { "maxOrders": 1.5 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.maxOrders: must be a whole number of at least 0, got 1.5")]
    [InlineData("""{ "name": "vip", "when": { "tiers": [] }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.tiers: must list at least one tier")]
    [InlineData("""{ "name": "vip", "when": { "tiers": "gold" }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.tiers: expected an array, got \"gold\"")]
    [InlineData("""{ "name": "vip", "when": { "tiers": ["gold", ""] }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.tiers[1]: must not be empty")]
    [InlineData("""{ "name": "vip", "when": { "minCartVal": 5 }, "channels": ["email"], "template": "t" }""", "triggers[0].steps[1].branches[0].when.minCartVal: unknown key; did you mean \"minCartValue\"?")]
    [InlineData("""{ "name": "vip", "when": { "minOrders": 1 }, "channels": ["sms"], "template": "t" }""", "triggers[0].steps[1].branches[0].channels[0]: \"sms\" is not one of \"push\", \"email\"")]
    [InlineData("""{ "name": "vip", "when": { "minOrders": 1 }, "channels": ["email"] }""", "triggers[0].steps[1].branches[0].template: required")]
    public void A_branch_needs_a_name_a_satisfiable_when_and_what_to_send(string branch, string expected) =>
        Assert.Equal(expected, Error(WithBranches(branch)));

    [Fact]
    public void Branch_names_are_unique_within_a_step() =>
        Assert.Equal(
            "triggers[0].steps[1].branches[1].name: \"vip\" is already used by branches[0]",
            Error(WithBranches(string.Join(", ", Branch("vip", """{ "minOrders": 1 }"""), Branch("vip")))));

    [Fact]
    public void The_same_branch_name_may_appear_in_different_steps() =>
        Assert.Equal(2, Loaded($$"""
            { "triggers": [ { "name": "cart", "kind": "cart_abandoned", "steps": [
                { "after": "PT1H", "branches": [ {{Branch("default")}} ] },
                { "after": "P1D", "branches": [ {{Branch("default")}} ] } ] } ] }
            """).Triggers[0].Steps.Count);
}
