using System.Globalization;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Benchmarks.Generation;

/// <summary>
/// A deterministic synthetic week of a Thai storefront, as parsed touchpoints in arrival order.
/// Shoppers come in sessions (a session.started or app.opened, then views, carts, checkouts, orders),
/// several sessions interleave at once, traffic follows the Bangkok day, and the stream carries
/// the mess real ingestion sees: about 1% late events and 0.5% redelivered duplicates.
/// The same <see cref="StreamShape"/> always yields the same events.
/// </summary>
public sealed class SyntheticStream
{
    /// <summary>
    /// Share of events that open a session: 11% = the 8% app.opened and 3% session.started of the mix,
    /// split by the shopper's platform (73% of shoppers use the app, see <see cref="NewShopper"/>).
    /// </summary>
    const double SessionStartShare = 0.11;
    const double AnonymousShare = 0.20;
    const double LateShare = 0.01;
    const double DuplicateShare = 0.005;
    const int RecentForDuplicates = 256;

    /// <summary>The rest of the mix, in percent of all events; these sum to 89 (100 − session starts).</summary>
    static readonly (EventKind Kind, int Percent)[] InSessionMix =
    [
        (EventKind.ProductViewed, 45), (EventKind.CartItemAdded, 15), (EventKind.CartItemRemoved, 4),
        (EventKind.CartViewed, 8), (EventKind.CheckoutStarted, 5), (EventKind.OrderCompleted, 4),
        (EventKind.CustomerIdentified, 3), (EventKind.ConsentUpdated, 2), (EventKind.PushRegistered, 1),
        (EventKind.MessageOpened, 1), (EventKind.MessageClicked, 1),
    ];

    static readonly string[] FirstNames = ["Somchai", "Suda", "Anan", "Niran", "Ploy", "Kanya", "Arthit", "Malee", "Emma", "James"];

    // Relative traffic by Bangkok local hour: a quiet night, a lunch bump and the evening peak.
    static readonly double[] HourlyTraffic =
        [0.25, 0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.35, 0.5, 0.6, 0.65, 0.7, 0.9, 0.85, 0.65, 0.6, 0.6, 0.65, 0.8, 0.95, 1.0, 1.0, 0.85, 0.5];
    static readonly Offset BangkokOffset = Offset.FromHours(7);

    readonly StreamShape shape;
    readonly Random random;
    readonly Catalog catalog;
    readonly Shopper[] shoppers;
    readonly double[] cumulativeActivity;
    readonly int[] activeSessions;
    long nextOrder = 1;

    SyntheticStream(StreamShape shape)
    {
        if (shape.Events <= 0 || shape.Customers <= 0 || shape.Days <= 0)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Events, customers and days must be positive.");
        this.shape = shape;
        random = new Random(shape.Seed);
        catalog = new Catalog(random, size: Math.Clamp(shape.Customers / 20, 200, 5_000));
        shoppers = new Shopper[shape.Customers];
        cumulativeActivity = new double[shape.Customers];
        var total = 0.0;
        for (var i = 0; i < shoppers.Length; i++)
        {
            shoppers[i] = NewShopper(i);
            total += ActivityWeight();
            cumulativeActivity[i] = total;
        }
        // About eight events per session and ten minutes per session: the sessions open at any moment.
        var concurrent = (int)(shape.Events / (shape.Days * 144.0) / 8);
        activeSessions = new int[Math.Max(4, concurrent)];
        for (var i = 0; i < activeSessions.Length; i++) activeSessions[i] = PickShopper();
    }

    /// <summary>The stream, lazily: a million events need not sit in memory to be written to a file.</summary>
    public static IEnumerable<Touchpoint> Generate(StreamShape shape) => new SyntheticStream(shape).Events();

    IEnumerable<Touchpoint> Events()
    {
        var seconds = ArrivalSeconds();
        var recent = new Touchpoint[RecentForDuplicates];
        var produced = 0;
        for (var i = 0; i < seconds.Length; i++)
        {
            if (produced > 0 && random.NextDouble() < DuplicateShare)
            {
                // A redelivery: the very same event (id, timestamp and all) a little later in the stream.
                yield return recent[random.Next(Math.Min(produced, RecentForDuplicates))];
                continue;
            }
            var second = seconds[i];
            // A late event: stamped a few minutes before what the stream has already carried.
            if (random.NextDouble() < LateShare) second = Math.Max(0, second - random.Next(60, 601));
            var touchpoint = Next(new TouchpointId("evt-" + (produced + 1).ToString(CultureInfo.InvariantCulture)),
                shape.Start + Duration.FromSeconds(second));
            recent[produced % RecentForDuplicates] = touchpoint;
            produced++;
            yield return touchpoint;
        }
    }

    /// <summary>Sorted whole-second offsets from the start, drawn with the Bangkok day's traffic curve.</summary>
    long[] ArrivalSeconds()
    {
        var span = shape.Days * 86_400L;
        var startLocal = shape.Start.ToUnixTimeSeconds() + (long)BangkokOffset.Seconds;
        var seconds = new long[shape.Events];
        for (var i = 0; i < seconds.Length; i++)
        {
            long candidate;
            do candidate = random.NextInt64(span);
            while (random.NextDouble() >= HourlyTraffic[(int)((startLocal + candidate) / 3600 % 24)]);
            seconds[i] = candidate;
        }
        Array.Sort(seconds);
        return seconds;
    }

    Touchpoint Next(TouchpointId id, Instant at)
    {
        if (random.NextDouble() < SessionStartShare)
        {
            var index = PickShopper();
            activeSessions[random.Next(activeSessions.Length)] = index;
            var starter = shoppers[index];
            return starter.Platform == Platform.Web
                ? new SessionStarted(id, starter.Ref(random), at, starter.Source)
                : new AppOpened(id, starter.Ref(random), at, starter.Source);
        }
        var shopper = shoppers[activeSessions[random.Next(activeSessions.Length)]];
        return PickInSessionKind() switch
        {
            EventKind.ProductViewed => View(shopper, id, at),
            EventKind.CartItemAdded => Add(shopper, id, at),
            EventKind.CartItemRemoved => Remove(shopper, id, at),
            EventKind.CartViewed => new CartViewed(id, shopper.Ref(random), at, shopper.Source),
            EventKind.CheckoutStarted => new CheckoutStarted(id, shopper.Ref(random), at, shopper.Source, CartValue(shopper), "THB"),
            EventKind.OrderCompleted => Order(shopper, id, at),
            EventKind.CustomerIdentified => Identify(shopper, id, at),
            EventKind.ConsentUpdated => new ConsentUpdated(id, shopper.Ref(random), at, shopper.Source,
                Tristate(granted: 0.8, revoked: 0.1), Tristate(granted: 0.7, revoked: 0.1)),
            EventKind.PushRegistered => Register(shopper, id, at),
            EventKind.MessageOpened => new MessageOpened(id, shopper.Ref(random), at, "email", MessageId()),
            EventKind.MessageClicked => new MessageClicked(id, shopper.Ref(random), at, "email", MessageId()),
            var kind => throw new InvalidOperationException($"No generator for {kind}."),
        };
    }

    ProductViewed View(Shopper shopper, TouchpointId id, Instant at)
    {
        shopper.LastViewed = catalog.Popular(random);
        return new ProductViewed(id, shopper.Ref(random), at, shopper.Source, catalog[shopper.LastViewed]);
    }

    CartItemAdded Add(Shopper shopper, TouchpointId id, Instant at)
    {
        // Most adds are of the product just looked at.
        var product = shopper.LastViewed >= 0 && random.NextDouble() < 0.6 ? shopper.LastViewed : catalog.Popular(random);
        var u = random.NextDouble();
        var quantity = u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
        var line = shopper.Cart.FindIndex(l => l.Product == product);
        if (line < 0) shopper.Cart.Add((product, quantity));
        else shopper.Cart[line] = (product, shopper.Cart[line].Quantity + quantity);
        return new CartItemAdded(id, shopper.Ref(random), at, shopper.Source, catalog[product], quantity);
    }

    CartItemRemoved Remove(Shopper shopper, TouchpointId id, Instant at)
    {
        if (shopper.Cart.Count == 0)
            // A removal the storefront sends for a line we never saw (added before the week began).
            return new CartItemRemoved(id, shopper.Ref(random), at, shopper.Source, catalog[catalog.Popular(random)].Sku, null);
        var index = random.Next(shopper.Cart.Count);
        var (product, quantity) = shopper.Cart[index];
        int? removed = random.NextDouble() < 0.6 ? null : 1;
        if (removed is null || removed >= quantity) shopper.Cart.RemoveAt(index);
        else shopper.Cart[index] = (product, quantity - 1);
        return new CartItemRemoved(id, shopper.Ref(random), at, shopper.Source, catalog[product].Sku, removed);
    }

    OrderCompleted Order(Shopper shopper, TouchpointId id, Instant at)
    {
        var revenue = CartValue(shopper) ?? catalog[catalog.Popular(random)].Price!.Value;
        shopper.Cart.Clear();
        var orderId = "o-" + nextOrder++.ToString(CultureInfo.InvariantCulture);
        return new OrderCompleted(id, shopper.Ref(random), at, shopper.Source, orderId, revenue, "THB");
    }

    /// <summary>A visitor's first identify carries both ids: the engine merges the anonymous profile.</summary>
    CustomerIdentified Identify(Shopper shopper, TouchpointId id, Instant at)
    {
        var who = shopper.Identified ? shopper.Ref(random) : new CustomerRef(shopper.CustomerId, shopper.AnonymousId);
        shopper.Identified = true;
        return new CustomerIdentified(id, who, at, shopper.Source, shopper.CustomerId + "@example.com",
            shopper.FirstName, shopper.Locale, shopper.TimeZone, shopper.Tier);
    }

    PushRegistered Register(Shopper shopper, TouchpointId id, Instant at)
    {
        // Mostly the same device registering again (a refreshed token); now and then a new one.
        if (shopper.Devices == 0 || random.NextDouble() < 0.2) shopper.Devices++;
        var installation = $"inst-{shopper.CustomerId}-{shopper.Devices}";
        var platform = shopper.Platform == Platform.Ios ? "apns" : "fcmv1";
        return new PushRegistered(id, shopper.Ref(random), at, shopper.Source, installation, platform, "tok-" + Hex(16));
    }

    decimal? CartValue(Shopper shopper)
    {
        if (shopper.Cart.Count == 0) return null;
        var value = 0m;
        foreach (var (product, quantity) in shopper.Cart) value += catalog[product].Price!.Value * quantity;
        return value;
    }

    Shopper NewShopper(int index)
    {
        var customerId = "c-" + index.ToString("D6", CultureInfo.InvariantCulture);
        var anonymousId = random.NextDouble() < AnonymousShare ? "a-" + Hex(12) : null;
        var p = random.NextDouble();
        var platform = p < 0.35 ? Platform.Ios : p < 0.73 ? Platform.Android : Platform.Web;
        var locale = random.NextDouble() < 0.85 ? "th-TH" : "en-US";
        var z = random.NextDouble();
        var timeZone = z < 0.9 ? "Asia/Bangkok" : z < 0.94 ? "Asia/Singapore" : z < 0.97 ? "Europe/London" : "America/New_York";
        var t = random.NextDouble();
        var tier = t < 0.1 ? "gold" : t < 0.3 ? "silver" : null;
        return new Shopper(customerId, anonymousId, platform, locale, timeZone, FirstNames[random.Next(FirstNames.Length)], tier);
    }

    /// <summary>Log-normal activity: most shoppers visit once or twice a week, a few come back all the time.</summary>
    double ActivityWeight()
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(gaussian);
    }

    int PickShopper()
    {
        var target = random.NextDouble() * cumulativeActivity[^1];
        var index = Array.BinarySearch(cumulativeActivity, target);
        return Math.Min(index < 0 ? ~index : index, cumulativeActivity.Length - 1);
    }

    EventKind PickInSessionKind()
    {
        var roll = random.Next(89);
        foreach (var (kind, percent) in InSessionMix)
        {
            if (roll < percent) return kind;
            roll -= percent;
        }
        throw new InvalidOperationException("The in-session mix must sum to 89.");
    }

    bool? Tristate(double granted, double revoked)
    {
        var u = random.NextDouble();
        return u < granted ? true : u < granted + revoked ? false : null;
    }

    string MessageId() => "m-" + Hex(24);

    string Hex(int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    enum EventKind
    {
        ProductViewed, CartItemAdded, CartItemRemoved, CartViewed, CheckoutStarted, OrderCompleted,
        CustomerIdentified, ConsentUpdated, PushRegistered, MessageOpened, MessageClicked,
    }
}
