using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The latest instant of each kind of activity, by event timestamp. Clocks only move forward: a late
/// event takes the later of old and new.
/// Every event makes a new version (LastSeen moves), and each version lives until the customer's
/// next event, so the clocks are kept as <see cref="ClockReading"/>s: 80 bytes a version instead of
/// the 136 five <c>Instant?</c> fields took. Constructor, properties, <c>with</c>, deconstruction,
/// equality and text are those of the positional record this was.
/// </summary>
public sealed record ActivityClocks
{
    public static readonly ActivityClocks None = new(null, null, null, null, null);

    readonly ClockReading lastCartActivity;
    readonly ClockReading lastView;
    readonly ClockReading lastAppOpen;
    readonly ClockReading lastOrder;
    readonly ClockReading lastSeen;

    public ActivityClocks(Instant? LastCartActivity, Instant? LastView, Instant? LastAppOpen, Instant? LastOrder, Instant? LastSeen)
    {
        lastCartActivity = ClockReading.Of(LastCartActivity);
        lastView = ClockReading.Of(LastView);
        lastAppOpen = ClockReading.Of(LastAppOpen);
        lastOrder = ClockReading.Of(LastOrder);
        lastSeen = ClockReading.Of(LastSeen);
    }

    /// <summary>The clocks as stored, for a working copy that compares and copies them without converting each to an instant.</summary>
    internal ActivityClocks(in ClockReading lastCartActivity, in ClockReading lastView, in ClockReading lastAppOpen, in ClockReading lastOrder, in ClockReading lastSeen) =>
        (this.lastCartActivity, this.lastView, this.lastAppOpen, this.lastOrder, this.lastSeen) = (lastCartActivity, lastView, lastAppOpen, lastOrder, lastSeen);

    internal ClockReading CartActivityReading => lastCartActivity;
    internal ClockReading ViewReading => lastView;
    internal ClockReading AppOpenReading => lastAppOpen;
    internal ClockReading OrderReading => lastOrder;
    internal ClockReading SeenReading => lastSeen;

    public Instant? LastCartActivity { get => lastCartActivity.Value; init => lastCartActivity = ClockReading.Of(value); }
    public Instant? LastView { get => lastView.Value; init => lastView = ClockReading.Of(value); }
    public Instant? LastAppOpen { get => lastAppOpen.Value; init => lastAppOpen = ClockReading.Of(value); }
    public Instant? LastOrder { get => lastOrder.Value; init => lastOrder = ClockReading.Of(value); }
    public Instant? LastSeen { get => lastSeen.Value; init => lastSeen = ClockReading.Of(value); }

    public void Deconstruct(out Instant? LastCartActivity, out Instant? LastView, out Instant? LastAppOpen, out Instant? LastOrder, out Instant? LastSeen) =>
        (LastCartActivity, LastView, LastAppOpen, LastOrder, LastSeen) = (this.LastCartActivity, this.LastView, this.LastAppOpen, this.LastOrder, this.LastSeen);

    public static Instant? Later(Instant? a, Instant? b) => a is null ? b : b is null ? a : (a.Value >= b.Value ? a : b);

    public ActivityClocks Merge(ActivityClocks other) => new(
        Later(LastCartActivity, other.LastCartActivity), Later(LastView, other.LastView), Later(LastAppOpen, other.LastAppOpen),
        Later(LastOrder, other.LastOrder), Later(LastSeen, other.LastSeen));
}
