using System.Collections.Immutable;
using System.Globalization;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties.Generators;

/// <summary>
/// Turns event specs into a touchpoint stream in arrival order: three known customers, four anonymous
/// visitors, a shop of five products; timestamps follow a wall clock that mostly moves forward, with
/// some events stamped late and some delivered twice.
/// </summary>
internal static class StreamBuilder
{
    /// <summary>
    /// The streams start here: the ten days after it cross the end of daylight saving time in London
    /// (25 October 2026) and New York (1 November 2026), so quiet hours meet both.
    /// </summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 10, 20, 0, 0);

    /// <summary>
    /// Dedupe memory is "at least the last 7 days of ids" (DESIGN 4.3.1): a copy delivered later may
    /// legitimately be taken again, so copies stay within 6 days of the original's arrival.
    /// </summary>
    public static readonly Duration CopyHorizon = Duration.FromDays(6);

    public static readonly string[] KnownIds = ["c-1", "c-2", "c-3"];
    public static readonly string[] AnonymousIds = ["a-1", "a-2", "a-3", "a-4"];
    public static readonly string?[] TimeZones = ["Asia/Bangkok", "Europe/London", "America/New_York", null];
    static readonly (string Sku, decimal Price)[] Products = [("LAP-14", 32900m), ("MOUSE", 990m), ("BAG", 2500m), ("PHONE", 25900m), ("CABLE", 290m)];

    /// <param name="population">How many known customers (1–3) share the stream, with one anonymous visitor more:
    /// a small population crowds merges, orders and journeys onto the same few documents.</param>
    public static ImmutableArray<Touchpoint> Build(IReadOnlyList<EventSpec> specs, int population = 3)
    {
        var events = ImmutableArray.CreateBuilder<Touchpoint>(specs.Count);
        var firstArrival = new Dictionary<string, Instant>(StringComparer.Ordinal);
        var wall = Start;
        Instant? clock = null;
        foreach (var spec in specs)
        {
            if (spec.CopyOf >= 0 && events.Count > 0 && clock is { } now)
            {
                var original = events[events.Count - 1 - spec.CopyOf % Math.Min(events.Count, 20)];
                if (now - firstArrival[original.Id.Value] < CopyHorizon)
                {
                    events.Add(original);
                    continue;
                }
            }
            wall += Duration.FromMinutes(spec.GapMinutes);
            var tp = Make(spec, population, new TouchpointId("e-" + (events.Count + 1).ToString(CultureInfo.InvariantCulture)), wall - Duration.FromMinutes(spec.LateMinutes));
            // The replay's clock is the latest timestamp so far; the copy rule measures from it.
            clock = clock is { } c && c > tp.Timestamp ? c : tp.Timestamp;
            firstArrival[tp.Id.Value] = clock.Value;
            events.Add(tp);
        }
        return events.ToImmutable();
    }

    /// <summary>
    /// <paramref name="input"/> with an order and, later, the identify that merges its id into c-1, at positions given in
    /// thousandths of the stream and stamped with the replay's clock there. A guest order comes from a-9, whom the stream never
    /// saw; otherwise c-1 orders and a-1 identifies (a merge only if the stream had not merged a-1 already).
    /// </summary>
    public static StreamCase WithOrderThenMerge(StreamCase input, int orderAt, int mergeAt, bool guest)
    {
        var events = input.Events;
        var order = events.Length * orderAt / 1000;
        var merge = order + 1 + (events.Length - order) * mergeAt / 1000;
        var anonymous = guest ? "a-9" : AnonymousIds[0];
        var buyer = guest ? CustomerRef.Anonymous(anonymous) : CustomerRef.Known(KnownIds[0]);
        events = events.Insert(order, new OrderCompleted(new TouchpointId("e-order"), buyer, ClockAt(events, order), "web", "o-merge", 1290m, "THB"));
        events = events.Insert(merge, new CustomerIdentified(new TouchpointId("e-merge"), new CustomerRef(KnownIds[0], anonymous), ClockAt(events, merge), "web",
            KnownIds[0] + "@example.com", "Somchai", null, null, null));
        return input with { Events = events };
    }

    /// <summary>The replay's clock once the first <paramref name="count"/> events are in: their latest timestamp, or the start.</summary>
    static Instant ClockAt(ImmutableArray<Touchpoint> events, int count) => count == 0 ? Start : events.Take(count).Max(e => e.Timestamp);

    static Touchpoint Make(EventSpec spec, int population, TouchpointId id, Instant at)
    {
        var pick = spec.Pick;
        var (sku, price) = Products[pick % Products.Length];
        var who = spec.Kind == EventKind.Identified ? IdentifyWho(spec.Who, population) : Who(spec.Who, population);
        var source = spec.Kind is EventKind.AppOpened or EventKind.PushRegistered or EventKind.PushUnregistered ? "ios" : "web";
        return spec.Kind switch
        {
            EventKind.ProductViewed => new ProductViewed(id, who, at, source, Product(sku, price)),
            EventKind.ItemAdded => new CartItemAdded(id, who, at, source, Product(sku, price), 1 + pick / 5 % 3),
            EventKind.ItemRemoved => new CartItemRemoved(id, who, at, source, sku, (pick / 5 % 2) == 0 ? null : 1),
            EventKind.CartViewed => new CartViewed(id, who, at, source),
            EventKind.CartCleared => new CartCleared(id, who, at, source),
            EventKind.CheckoutStarted => new CheckoutStarted(id, who, at, source, null, null),
            // Few order ids, so the same order id comes back (a repeated order is a duplicate).
            EventKind.OrderCompleted => new OrderCompleted(id, who, at, source, "o-" + (pick % 4 + 1).ToString(CultureInfo.InvariantCulture), price, "THB"),
            EventKind.AppOpened => new AppOpened(id, who, at, source),
            EventKind.Identified => new CustomerIdentified(id, who, at, source,
                pick % 8 == 7 ? null : (who.CustomerId ?? who.AnonymousId) + "@example.com", "Somchai",
                pick / 8 % 2 == 0 ? "en-US" : "th-TH", TimeZones[pick / 16 % TimeZones.Length], (pick / 64 % 3) switch { 0 => null, 1 => "gold", _ => "silver" }),
            EventKind.ConsentUpdated => new ConsentUpdated(id, who, at, source, Consent(pick % 4), Consent(pick / 4 % 4)),
            EventKind.PushRegistered => new PushRegistered(id, who, at, source, "inst-" + (pick % 2 + 1).ToString(CultureInfo.InvariantCulture), "apns", "token"),
            EventKind.PushUnregistered => new PushUnregistered(id, who, at, source, "inst-" + (pick % 2 + 1).ToString(CultureInfo.InvariantCulture)),
            EventKind.SessionStarted => new SessionStarted(id, who, at, source),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
        };
    }

    static ProductInfo Product(string sku, decimal price) => new(sku, sku.ToLowerInvariant(), price, "THB", "https://shop.example/p/" + sku, null);

    /// <summary>Granting is the commonest answer, so reminders actually go out.</summary>
    static bool? Consent(int choice) => choice switch { 0 or 1 => true, 2 => false, _ => null };

    /// <summary>Ordinary events: half from a known customer, most of the rest anonymous, a few carrying both ids.</summary>
    static CustomerRef Who(int who, int population)
    {
        var known = KnownIds[who / 10 % population];
        var anonymous = AnonymousIds[who / 30 % (population + 1)];
        return (who % 10) switch
        {
            < 5 => CustomerRef.Known(known),
            < 9 => CustomerRef.Anonymous(anonymous),
            _ => new CustomerRef(known, anonymous),
        };
    }

    /// <summary>Identify events: often carrying both ids (a merge), sometimes only one.</summary>
    static CustomerRef IdentifyWho(int who, int population)
    {
        var known = KnownIds[who / 10 % population];
        var anonymous = AnonymousIds[who / 30 % (population + 1)];
        return (who % 10) switch
        {
            < 5 => CustomerRef.Known(known),
            < 9 => new CustomerRef(known, anonymous),
            _ => CustomerRef.Anonymous(anonymous),
        };
    }
}
