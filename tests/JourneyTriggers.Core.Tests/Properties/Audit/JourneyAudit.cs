using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties.Audit;

/// <summary>
/// Replays a case exactly as <c>simulate</c> does, in lockstep with <see cref="ProfileModel"/>s, and
/// records every rule an effect breaks. Wake-ups due before an event are run first with
/// <see cref="ReplayRun.RunUntil"/> (what <see cref="ReplayRun.Accept"/> does anyway), so each effect is
/// known to come from a timer or from the event, and the model sees the event at the right moment.
/// </summary>
internal sealed partial class JourneyAudit
{
    readonly StreamCase input;
    readonly ReplayRun run;
    readonly Dictionary<ProfileKey, ProfileModel> profiles = new();
    readonly Dictionary<string, string> mergedInto = new(StringComparer.Ordinal);
    readonly List<Violation> violations = new();
    readonly List<string> trace = new();
    readonly List<Effect> effects = new();
    Instant? lastEffectAt;
    Instant? now;

    JourneyAudit(StreamCase input)
    {
        this.input = input;
        run = new ReplayRun(new JourneyEngine(input.Configuration));
    }

    public IReadOnlyList<Violation> Violations => violations;
    public IReadOnlyList<Effect> Effects => effects;
    public AuditCounts Counts { get; } = new();

    public static JourneyAudit Run(StreamCase input)
    {
        var audit = new JourneyAudit(input);
        for (var i = 0; i < input.Events.Length; i++) audit.Step(i, input.Events[i]);
        audit.Finish();
        return audit;
    }

    /// <summary>Throws with the broken rule's findings and the interleaved event/effect trace.</summary>
    public void AssertHolds(Rule rule)
    {
        var broken = violations.Where(v => v.Rule == rule).Select(v => v.Message).ToList();
        if (broken.Count == 0) return;
        throw new Xunit.Sdk.XunitException(
            $"{rule} broken:\n  {string.Join("\n  ", broken.Take(5))}\nTrace (events #n, effects indented):\n{string.Join("\n", trace)}");
    }

    void Step(int index, Touchpoint tp)
    {
        // The replay takes each event at the later of its timestamp and the clock (a late event does not
        // turn the clock back); running the wake-ups due by then first separates their effects from the event's.
        now = now is { } clock && clock > tp.Timestamp ? clock : tp.Timestamp;
        Check(run.RunUntil(now.Value), null);
        var step = Observe(index, tp);
        var cartBefore = CartOf(step.Key);
        trace.Add($"  #{index + 1:00} {CasePrinter.Event(tp)}{(step.Duplicate ? " (duplicate)" : "")}{(step.MergesFrom is { } a ? $" (merges {a})" : "")}");
        var produced = run.Accept(tp);
        Check(produced, step);
        AfterEvent(step, produced, cartBefore);
    }

    void Finish()
    {
        Check(run.RunUntil(input.Until), null);
        foreach (var (key, profile) in profiles)
            foreach (var trigger in profile.Running.Keys)
                Fail(Rule.JourneyLifecycle, $"{key} {trigger}: journey.entered never matched by journey.exited by {CasePrinter.At(input.Until)}");
    }

    CartSnapshot CartOf(ProfileKey key) => new(run.Customers.TryGetValue(key, out var state) ? state.Cart.Lines : []);

    ProfileModel Profile(ProfileKey key)
    {
        if (!profiles.TryGetValue(key, out var profile)) profiles[key] = profile = new ProfileModel();
        return profile;
    }

    TriggerDefinition TriggerNamed(string name) => input.Configuration.Triggers.Single(t => t.Name == name);

    bool IsCart(string trigger) => TriggerNamed(trigger).Kind == TriggerKind.CartAbandoned;

    DateTimeZone ZoneOf(ProfileModel profile) =>
        profile.TimeZone is { } id ? DateTimeZoneProviders.Tzdb[id] : input.Configuration.Defaults.TimeZone;

    void Fail(Rule rule, string message)
    {
        violations.Add(new Violation(rule, message));
        trace.Add($"      ^^^ {rule}: {message}");
    }

    static string Line(Effect e) => Scenario.Describe(e);
}

/// <summary>A cart's lines, compared by value.</summary>
internal sealed record CartSnapshot(IReadOnlyList<CartLine> Lines)
{
    public bool Equals(CartSnapshot? other) => other is not null && Lines.SequenceEqual(other.Lines);
    public override int GetHashCode() => Lines.Count;
}

/// <summary>How often the interesting cases came up: a property that never meets them proves nothing.</summary>
internal sealed class AuditCounts
{
    public int Sends, Deferrals, HoldoutStandIns, CapSuppressions, Merges, CarriedJourneys, Duplicates, HistoryCartEvents, Conversions, NewOrders, DeferredAgainAfterZoneChange;

    /// <summary>Orders a merge credited to a reminder the other side was sent.</summary>
    public int ConversionsAcrossAMerge;

    /// <summary>Consent statements that arrived after a newer one (or a revocation at the same instant) and so changed nothing.</summary>
    public int OverruledConsentStatements;
}
