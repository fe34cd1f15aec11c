using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>
/// A host in miniature: routes touchpoints like <see cref="ReplayRun"/> and fires wake-ups from a
/// virtual clock, but keeps each customer as a stored document — every decision starts from
/// <c>Deserialize</c> of the bytes the previous one wrote, as the SQLite and Cosmos hosts do. With
/// <c>throughDocuments: false</c> it keeps the states themselves, which is the reference to compare with.
/// </summary>
internal sealed class DocumentHost(JourneyEngine engine, bool throughDocuments)
{
    readonly Dictionary<ProfileKey, CustomerState> states = new();
    readonly Dictionary<ProfileKey, byte[]> documents = new();
    readonly VirtualTimers timers = new();
    Instant? clock;

    public List<Effect> Effects { get; } = new();

    /// <summary>Every document written that did not read back to the same bytes (none, if the format is stable).</summary>
    public List<string> Unstable { get; } = new();

    public IEnumerable<ProfileKey> Keys => throughDocuments ? documents.Keys : states.Keys;

    public CustomerState this[ProfileKey key] => throughDocuments ? CustomerDocument.Deserialize(documents[key]) : states[key];

    public void Accept(Touchpoint touchpoint)
    {
        AdvanceTo(touchpoint.Timestamp);
        var now = clock!.Value;
        var owner = ProfileRouting.OwnerOf(touchpoint);
        var key = owner.Profile;
        var state = Load(key, owner);
        if (state.MergedInto is { } knownId)
        {
            key = ProfileKey.ForCustomer(knownId);
            state = Load(key, CustomerRef.Known(knownId));
        }
        if (ProfileRouting.MergesFrom(touchpoint) is { } anonymous && touchpoint is CustomerIdentified identified)
        {
            var merge = engine.Merge(state, Load(anonymous.Profile, anonymous), identified, now);
            Save(anonymous.Profile, merge.Anonymous);
            Apply(key, merge.Known, merge.Effects);
            return;
        }
        var decision = engine.Decide(state, touchpoint, now);
        Apply(key, decision.State, decision.Effects);
    }

    public void AdvanceTo(Instant target)
    {
        while (timers.TryTakeDue(target, out var profile, out var timer))
        {
            if (clock is null || timer.DueAt > clock) clock = timer.DueAt;
            var decision = engine.Fire(Load(profile, default), timer, clock.Value);
            Apply(profile, decision.State, decision.Effects);
        }
        if (clock is null || target > clock) clock = target;
    }

    CustomerState Load(ProfileKey key, CustomerRef identity)
    {
        if (throughDocuments) return documents.TryGetValue(key, out var bytes) ? CustomerDocument.Deserialize(bytes) : CustomerState.New(identity);
        return states.TryGetValue(key, out var state) ? state : CustomerState.New(identity);
    }

    void Save(ProfileKey key, CustomerState state)
    {
        if (!throughDocuments)
        {
            states[key] = state;
            return;
        }
        var bytes = CustomerDocument.Serialize(state);
        if (!bytes.AsSpan().SequenceEqual(CustomerDocument.Serialize(CustomerDocument.Deserialize(bytes))))
            Unstable.Add(System.Text.Encoding.UTF8.GetString(bytes));
        documents[key] = bytes;
    }

    void Apply(ProfileKey key, CustomerState state, IReadOnlyList<Effect> decided)
    {
        Save(key, state);
        foreach (var effect in decided)
        {
            if (effect is ArmTimer arm) timers.Arm(key, new TimerDue(arm.Trigger, arm.Token, arm.DueAt));
            Effects.Add(effect);
        }
    }
}
