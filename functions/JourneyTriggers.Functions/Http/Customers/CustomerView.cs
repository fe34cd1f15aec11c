using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Http.Customers;

/// <summary>
/// <c>GET /api/customers/{id}</c>: the customer document made readable. The timeline holds each
/// decision in the wire format of DESIGN 4.4 (what <c>simulate</c> prints) plus a <c>why</c> sentence.
/// <c>LogName</c> is how the service's logs name this customer (<c>CustomerPseudonyms</c>): what to search them for.
/// </summary>
internal sealed record CustomerView(
    string Key,
    string LogName,
    string? CustomerId,
    string? AnonymousId,
    string? MergedInto,
    ProfileView Profile,
    ConsentView Consent,
    IReadOnlyList<InstallationView> Installations,
    CartView Cart,
    ClocksView Clocks,
    int Orders,
    IReadOnlyList<JourneyView> Journeys,
    IReadOnlyList<JsonObject> Timeline)
{
    public static CustomerView Of(ProfileKey key, string logName, CustomerState state, TriggerConfiguration configuration)
    {
        var profile = state.Profile;
        var zone = profile.ZoneOr(configuration.Defaults.TimeZone);
        return new CustomerView(
            key.Value, logName, state.Identity.CustomerId, state.Identity.AnonymousId, state.MergedInto,
            new ProfileView(profile.Email, profile.FirstName, profile.Locale, profile.TimeZone, profile.Tier),
            new ConsentView(profile.EmailConsent?.Granted, Iso(profile.EmailConsent?.StatedAt), profile.PushConsent?.Granted, Iso(profile.PushConsent?.StatedAt)),
            [.. profile.Installations.Select(i => new InstallationView(i.InstallationId, i.Platform, i.PushChannel is not null))],
            new CartView([.. state.Cart.Lines.Select(CartLineView.Of)], state.Cart.Value, state.Cart.Currency),
            ClocksView.Of(state.Clocks),
            state.Orders.Count,
            [.. configuration.Triggers.Select(t => JourneyView.Of(state.JourneyOf(t.Name)))],
            [.. state.Timeline.Select(effect => Decision(effect, state, configuration, zone))]);
    }

    static JsonObject Decision(Effect effect, CustomerState state, TriggerConfiguration configuration, DateTimeZone zone)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) EffectWireFormat.Write(json, effect);
        var decision = JsonNode.Parse(buffer.ToArray())!.AsObject();
        decision["why"] = DecisionExplanations.Why(effect, state, configuration, zone);
        return decision;
    }

    internal static string? Iso(Instant? instant) => instant is { } i ? InstantPattern.ExtendedIso.Format(i) : null;
}

internal sealed record ProfileView(string? Email, string? FirstName, string? Locale, string? TimeZone, string? Tier);

/// <summary>
/// True, false, or null for never said (explicit email consent reads null as no), each with when the customer said it:
/// a statement older than that, arriving late, changes nothing, and this is where a support agent sees why.
/// </summary>
internal sealed record ConsentView(bool? Email, string? EmailStatedAt, bool? Push, string? PushStatedAt);

/// <summary>A device; whether its push token is known, not the token itself.</summary>
internal sealed record InstallationView(string InstallationId, string? Platform, bool HasDeviceToken);

internal sealed record CartView(IReadOnlyList<CartLineView> Lines, decimal Value, string? Currency);

internal sealed record CartLineView(string Sku, string? Name, decimal Price, int Quantity, decimal Value, string? Currency, string? Url, string? ImageUrl)
{
    public static CartLineView Of(CartLine l) => new(l.Sku, l.Name, l.Price, l.Quantity, l.Value, l.Currency, l.Url, l.ImageUrl);
}

internal sealed record ClocksView(string? LastCartActivity, string? LastView, string? LastAppOpen, string? LastOrder, string? LastSeen)
{
    public static ClocksView Of(ActivityClocks c) => new(
        CustomerView.Iso(c.LastCartActivity), CustomerView.Iso(c.LastView), CustomerView.Iso(c.LastAppOpen),
        CustomerView.Iso(c.LastOrder), CustomerView.Iso(c.LastSeen));
}

/// <summary>
/// One trigger's slot: <c>idle</c>, <c>armed</c> (step waits for <c>dueAt</c>) or <c>deferred</c>
/// (step waits out quiet hours until <c>until</c>, its branch and variant already chosen).
/// </summary>
internal sealed record JourneyView(
    string Trigger, string State, int? Step, string? DueAt, string? Until, string? StartedAt, string? Branch, string? Variant, string? LastStartedAt)
{
    public static JourneyView Of(TriggerJourney journey) => journey.State switch
    {
        JourneyState.Armed a => new(journey.Trigger, "armed", a.Step, CustomerView.Iso(a.DueAt), null, CustomerView.Iso(a.Run.StartedAt), null, null, CustomerView.Iso(journey.LastStartedAt)),
        JourneyState.Deferred d => new(journey.Trigger, "deferred", d.Step, null, CustomerView.Iso(d.Until), CustomerView.Iso(d.Run.StartedAt),
            d.Choice.Path.Branch, d.Choice.Path.Variant, CustomerView.Iso(journey.LastStartedAt)),
        _ => new(journey.Trigger, "idle", null, null, null, null, null, null, CustomerView.Iso(journey.LastStartedAt)),
    };
}
