using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties.Audit;

/// <summary>
/// What the audit believes about one customer document, built only from the touchpoints and the
/// effects — never from the engine's state — so the checks do not inherit the engine's mistakes.
/// </summary>
internal sealed class ProfileModel
{
    public HashSet<string> SeenIds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OrderIds { get; } = new(StringComparer.Ordinal);
    public Instant? LastOrder { get; set; }

    /// <summary>The time zone of the last identify that named one (processing order, duplicates ignored).</summary>
    public string? TimeZone { get; set; }

    /// <summary>Sends and holdout stand-ins: the ledger caps count and conversions are credited to.</summary>
    public List<LedgerEntry> Ledger { get; } = new();

    /// <summary>New orders no reminder's window held, oldest first: a merge may credit them to the other side's reminders.</summary>
    public List<(string OrderId, Instant At)> Uncredited { get; } = new();

    /// <summary>
    /// Reachability as DESIGN 4.3 "Channel choice" reads it: address, consents, devices. Each consent is
    /// the statement that stands (<see cref="Standing"/>) with the instant it was made, or null for never said.
    /// </summary>
    public string? Email { get; set; }
    public (bool Granted, Instant At)? EmailConsent { get; set; }
    public (bool Granted, Instant At)? PushConsent { get; set; }
    public List<string> Installations { get; } = new();

    /// <summary>Running journeys by trigger, from journey.entered to journey.exited.</summary>
    public Dictionary<string, JourneyModel> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Cart triggers for which an order was processed after this profile's last journey.entered.</summary>
    public HashSet<string> BoughtSinceEntered { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Folds an anonymous profile in as DESIGN 4.3.1 "Identity" says: ids, orders and ledger add up, the
    /// known profile's time zone wins, the later order counts. A journey only the anonymous side runs
    /// moves over with its history; where both run one, the anonymous one stays behind until its
    /// journey.exited merged arrives.
    /// </summary>
    public void Absorb(ProfileModel anonymous)
    {
        // An order either side credited stays credited; one both sides hold uncredited is one order.
        var uncredited = Uncredited.Where(o => !anonymous.Credited(o.OrderId))
            .Concat(anonymous.Uncredited.Where(o => !Credited(o.OrderId) && Uncredited.All(u => u.OrderId != o.OrderId)))
            .OrderBy(o => o.At).TakeLast(OrderHistory.MaxUncredited).ToList();
        Uncredited.Clear();
        Uncredited.AddRange(uncredited);
        SeenIds.UnionWith(anonymous.SeenIds);
        OrderIds.UnionWith(anonymous.OrderIds);
        LastOrder = Later(LastOrder, anonymous.LastOrder);
        TimeZone ??= anonymous.TimeZone;
        Email ??= anonymous.Email;
        EmailConsent = Standing(EmailConsent, anonymous.EmailConsent);
        PushConsent = Standing(PushConsent, anonymous.PushConsent);
        foreach (var device in anonymous.Installations) Register(device);
        var ledger = Ledger.Concat(anonymous.Ledger).OrderBy(e => e.At).ToList();
        Ledger.Clear();
        Ledger.AddRange(ledger);
        foreach (var trigger in anonymous.Running.Keys.ToArray())
        {
            if (Running.ContainsKey(trigger)) continue;
            Running[trigger] = anonymous.Running[trigger];
            anonymous.Running.Remove(trigger);
            // The carried journey keeps its own history: bought only if it was (which would already be a violation).
            if (anonymous.BoughtSinceEntered.Contains(trigger)) BoughtSinceEntered.Add(trigger);
            else BoughtSinceEntered.Remove(trigger);
        }
        // Where neither side runs a journey, a later send needs a new journey.entered anyway; keep either side's order.
        foreach (var trigger in anonymous.BoughtSinceEntered)
            if (!Running.ContainsKey(trigger)) BoughtSinceEntered.Add(trigger);
    }

    bool Credited(string orderId) => OrderIds.Contains(orderId) && Uncredited.All(o => o.OrderId != orderId);

    /// <summary>A device registered again moves to the end; past the bound the oldest goes.</summary>
    public void Register(string installation)
    {
        Installations.Remove(installation);
        if (Installations.Count >= CustomerProfile.MaxInstallations) Installations.RemoveAt(0);
        Installations.Add(installation);
    }

    /// <summary>
    /// "Consent revoked: later sends on that channel stop" with "late events never move a clock
    /// backwards": of two statements the newer stands whatever the arrival order, and at one instant the revocation.
    /// </summary>
    public static (bool Granted, Instant At)? Standing((bool Granted, Instant At)? held, (bool Granted, Instant At)? said) =>
        held is null ? said : said is null ? held : new[] { held.Value, said.Value }.MaxBy(s => (s.At, !s.Granted));

    static Instant? Later(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Max(a.Value, b.Value);
}

/// <summary>One running journey: the quiet-hours deferrals it is waiting out, with the zone each was decided in.</summary>
internal sealed class JourneyModel
{
    public Dictionary<int, (Instant Until, DateTimeZone Zone)> Deferrals { get; } = new();
}

/// <summary>A send or holdout stand-in: when, which message, and how long an order may be credited to it.</summary>
internal sealed record LedgerEntry(Instant At, string MessageId, Duration AttributionWindow);
