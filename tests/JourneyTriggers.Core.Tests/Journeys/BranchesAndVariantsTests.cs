using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Journeys;

public class BranchesAndVariantsTests
{
    static TriggerConfiguration Branched(params BranchDefinition[] branches) => Configs.With(
        Configs.Trigger("abandoned_cart", TriggerKind.CartAbandoned, Configs.Step(1, "PT1H", branches)));

    static BranchDefinition Branch(string name, BranchCondition when, string template, params VariantDefinition[] variants) =>
        new(name, when, [Channel.Email], template, variants);

    static Scenario Run(TriggerConfiguration config, decimal price = 32900m, string? tier = null, int priorOrders = 0)
    {
        var s = new Scenario(config).Given(Tp.Identify("2026-11-20T00:00:00Z", tier: tier), Tp.Consent("2026-11-20T00:00:00Z"));
        for (var i = 0; i < priorOrders; i++) s.Given(Tp.Order($"2026-11-21T0{i}:00:00Z", orderId: "prior-" + i));
        return s.Given(Tp.Add("2026-11-22T10:00:00Z", price: price)).RunUntil("2026-11-22T12:00:00Z");
    }

    static readonly TriggerConfiguration Example = Branched(
        Branch("vip", BranchCondition.Always with { MinCartValue = 20000m }, "cart-vip"),
        Branch("first-order", BranchCondition.Always with { MaxOrders = 1 }, "cart-welcome"),
        Branch("default", BranchCondition.Always, "cart-reminder-2"));

    [Theory]
    [InlineData(20000, 0, "abandoned_cart/1/vip email cart-vip")]
    [InlineData(19999, 0, "abandoned_cart/1/first-order email cart-welcome")]
    [InlineData(19999, 1, "abandoned_cart/1/default email cart-reminder-2")]
    public void The_first_branch_that_holds_is_used(decimal price, int priorOrders, string expected)
    {
        var s = Run(Example, price, priorOrders: priorOrders);
        Assert.Contains("2026-11-22 11:00 c-42 message.sent " + expected, s.Lines);
    }

    [Fact]
    public void Max_cart_value_is_exclusive_and_tiers_must_match()
    {
        var config = Branched(
            Branch("small", BranchCondition.Always with { MaxCartValue = 1000m }, "small"),
            Branch("gold", BranchCondition.Always with { Tiers = ["gold"] }, "gold"));
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1/small email small", Run(config, price: 999m).Lines);
        Assert.Contains("2026-11-22 11:00 c-42 message.sent abandoned_cart/1/gold email gold", Run(config, price: 1000m, tier: "gold").Lines);
        Assert.Contains("2026-11-22 11:00 c-42 step.skipped abandoned_cart/1 no_matching_branch", Run(config, price: 1000m, tier: "silver").Lines);
    }

    [Fact]
    public void No_matching_branch_skips_the_step_and_the_journey_goes_on()
    {
        var config = Configs.With(Configs.Trigger("abandoned_cart", TriggerKind.CartAbandoned,
            Configs.Step(1, "PT1H", Branch("vip", BranchCondition.Always with { MinOrders = 5 }, "cart-vip")),
            Configs.Step(2, "PT1H", Configs.Direct("cart-reminder-2"))));
        var s = new Scenario(config).Given(Tp.Identify("2026-11-20T00:00:00Z"), Tp.Consent("2026-11-20T00:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"))
            .RunUntil("2026-11-23T00:00:00Z");
        s.Then(
            "2026-11-22 10:00 c-42 journey.entered abandoned_cart",
            "2026-11-22 11:00 c-42 step.skipped abandoned_cart/1 no_matching_branch",
            "2026-11-22 12:00 c-42 message.sent abandoned_cart/2 email cart-reminder-2",
            "2026-11-22 12:00 c-42 journey.exited abandoned_cart completed");
    }

    [Fact]
    public void A_variant_overrides_template_and_channels_where_it_names_them()
    {
        // bucket("variant:abandoned_cart:1:c-42") decides; both arms are checked against the same bucket.
        var bucket = JourneyTriggers.Core.Assignment.StableBucket.Of("variant:abandoned_cart:1:c-42");
        var aWeight = bucket < 5000 ? 60 : 40;
        var expectA = bucket < aWeight * 100;
        var config = Branched(Branch("default", BranchCondition.Always, "cart-a",
            new VariantDefinition("A", aWeight, null, null), new VariantDefinition("B", 100 - aWeight, "cart-b", [Channel.Email])));
        var expected = expectA ? "abandoned_cart/1/default/A email cart-a" : "abandoned_cart/1/default/B email cart-b";
        Assert.Contains("2026-11-22 11:00 c-42 message.sent " + expected, Run(config).Lines);
    }
}
