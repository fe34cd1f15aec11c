using CsCheck;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties.Generators;

/// <summary>
/// Trigger configurations as a marketer would write them: guard rails on or off, one to three steps,
/// now and then branches, variants, a re-entry cooldown or a trigger-level override.
/// </summary>
internal static class ConfigurationGen
{
    static readonly string[] Zones = ["UTC", "Asia/Bangkok", "Europe/London", "America/New_York"];
    static readonly string[] Delays = ["PT10M", "PT30M", "PT1H", "PT4H", "P1D", "P2D"];
    static readonly Channel[][] ChannelLists = [[Channel.Push, Channel.Email], [Channel.Email], [Channel.Push], [Channel.Email, Channel.Push]];

    /// <summary>The last window ends inside the hour London and New York repeat when daylight saving ends.</summary>
    static readonly Gen<QuietHoursWindow?> QuietHours =
        Gen.OneOf<QuietHoursWindow?>(null, Configs.Quiet("21:00", "08:00"), Configs.Quiet("22:00", "06:00"), Configs.Quiet("22:00", "01:30"));

    static readonly Gen<FrequencyCap> Cap = Gen.Frequency(
        (2, Gen.Const(FrequencyCap.None)),
        (5, Gen.Select(Gen.Int[1, 3], Gen.Int[2, 6], (day, week) => new FrequencyCap(day, week))),
        (1, Gen.Int[1, 3].Select(day => new FrequencyCap(day, null))),
        (1, Gen.Int[2, 6].Select(week => new FrequencyCap(null, week))));

    static readonly Gen<decimal> Holdout = Gen.OneOf(0m, 10m, 50m);

    static readonly Gen<IReadOnlyList<VariantDefinition>> Variants = Gen.Frequency<IReadOnlyList<VariantDefinition>>(
        (3, Gen.Const<IReadOnlyList<VariantDefinition>>([])),
        (1, Gen.Int[1, 99].Select(a => (IReadOnlyList<VariantDefinition>)
            [new VariantDefinition("A", a, null, null), new VariantDefinition("B", 100 - a, "variant-b", [Channel.Push])])));

    /// <summary>A step either names its channels, or lists branches; the last branch may or may not always hold.</summary>
    static Gen<IReadOnlyList<BranchDefinition>> Branches(string template) => Gen.Select(
        Gen.Int[0, 3], Gen.Int[0, ChannelLists.Length - 1], Gen.Bool, Variants, (shape, channels, withDefault, variants) =>
        {
            var direct = new BranchDefinition(null, BranchCondition.Always, ChannelLists[channels], template, variants);
            if (shape < 2) return (IReadOnlyList<BranchDefinition>)[direct];
            var fallback = withDefault ? [direct with { Name = "default" }] : Array.Empty<BranchDefinition>();
            BranchDefinition special = shape == 2
                ? new("vip", new BranchCondition(30000m, null, null, null, null), [Channel.Email], template + "-vip", [])
                : new("gold-first-order", new BranchCondition(null, null, ["gold"], null, 1), [Channel.Push, Channel.Email], template + "-gold", variants);
            return [special, .. fallback];
        });

    static Gen<StepDefinition[]> Steps(string template) =>
        Gen.Select(Gen.Int[0, Delays.Length - 1], Branches(template), (delay, branches) => (Delay: delay, Branches: branches)).Array[1, 3]
            .Select(steps => steps.Select((s, i) => new StepDefinition(i + 1, Configs.D(Delays[s.Delay]), s.Branches)).ToArray());

    /// <summary>A trigger before the defaults are applied: whether it overrides the default quiet hours.</summary>
    sealed record Draft(TriggerDefinition Definition, bool OwnQuietHours);

    /// <summary>Per-trigger settings: its own holdout, and now and then its own quiet hours or a re-entry cooldown.</summary>
    static Gen<Draft> Trigger(string name, TriggerKind kind, string template) => Gen.Select(
        Steps(template), Holdout, Gen.Int[1, 3], Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true))),
        Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true))), QuietHours,
        (steps, holdout, minViews, cooldown, ownQuiet, quiet) => new Draft(
            new TriggerDefinition(name, kind, steps, minViews, cooldown ? Duration.FromHours(2) : null, holdout, quiet, Configs.D("P3D")),
            ownQuiet));

    public static readonly Gen<TriggerConfiguration> Configurations = Gen.Select(
        Gen.OneOf(Zones), QuietHours, Cap, Gen.Frequency((7, Gen.Const(EmailConsentMode.Explicit)), (3, Gen.Const(EmailConsentMode.Implicit))),
        Trigger("abandoned_cart", TriggerKind.CartAbandoned, "cart"),
        Trigger("browse_abandoned", TriggerKind.BrowseAbandoned, "browse").Null(),
        Trigger("app_inactive", TriggerKind.AppInactive, "app").Null(),
        (zone, quiet, cap, consent, cart, browse, app) =>
        {
            // As the loader does: a trigger without its own quiet hours takes the defaults'.
            var triggers = new[] { cart, browse, app }.OfType<Draft>()
                .Select(t => t.OwnQuietHours ? t.Definition : t.Definition with { QuietHours = quiet }).ToArray();
            return new TriggerConfiguration(Configs.Defaults(zone, quiet, cap, consent), triggers);
        });
}
