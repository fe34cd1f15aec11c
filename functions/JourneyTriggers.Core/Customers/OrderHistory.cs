using System.Collections.Immutable;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// How many orders the customer completed (for branch conditions), the recent order ids, so a
/// repeated orderId is recognised as a duplicate, and the recent orders no reminder was credited with
/// (oldest first), which a merge may still credit.
/// </summary>
public sealed record OrderHistory(int Count, ImmutableArray<string> RecentOrderIds, ImmutableArray<UncreditedOrder> Uncredited)
{
    public const int MaxRecentIds = 100;
    public const int MaxUncredited = 20;

    public static readonly OrderHistory None = new(0, ImmutableArray<string>.Empty);

    public OrderHistory(int count, ImmutableArray<string> recentOrderIds) : this(count, recentOrderIds, ImmutableArray<UncreditedOrder>.Empty) { }

    public bool Contains(string orderId) => RecentOrderIds.Contains(orderId, StringComparer.Ordinal);

    public OrderHistory Record(string orderId)
    {
        var ids = RecentOrderIds.Length >= MaxRecentIds ? RecentOrderIds.RemoveAt(0) : RecentOrderIds;
        return this with { Count = Count + 1, RecentOrderIds = ids.Add(orderId) };
    }

    /// <summary>
    /// The history keeping <paramref name="order"/> as uncredited, in order of placing (a late order goes before later
    /// ones), with those placed before <paramref name="keptSince"/> let go, and the order itself if it was.
    /// </summary>
    public OrderHistory WithUncredited(UncreditedOrder order, Instant keptSince)
    {
        var kept = UncreditedSince(keptSince);
        if (order.At < keptSince) return kept.Length == Uncredited.Length ? this : this with { Uncredited = kept };
        var at = kept.Length;
        while (at > 0 && kept[at - 1].At > order.At) at--;
        kept = kept.Insert(at, order);
        return this with { Uncredited = kept.Length > MaxUncredited ? kept.RemoveRange(0, kept.Length - MaxUncredited) : kept };
    }

    /// <summary>The history without the uncredited orders placed before <paramref name="keptSince"/>; itself when there are none.</summary>
    public OrderHistory KeptSince(Instant keptSince)
    {
        var kept = UncreditedSince(keptSince);
        return kept.Length == Uncredited.Length ? this : this with { Uncredited = kept };
    }

    /// <summary>The history with <paramref name="order"/> no longer uncredited.</summary>
    public OrderHistory Credited(UncreditedOrder order) => this with { Uncredited = Uncredited.Remove(order) };

    /// <summary>
    /// Both histories in one. An order recorded on both sides counts once; one that either side credited is no longer
    /// uncredited, whatever the other side says.
    /// </summary>
    public OrderHistory Merge(OrderHistory other)
    {
        var ids = RecentOrderIds.AddRange(other.RecentOrderIds.Where(id => !Contains(id)));
        var uncredited = Uncredited.Where(o => !other.CreditedAlready(o.OrderId))
            .Concat(other.Uncredited.Where(o => !CreditedAlready(o.OrderId) && !HoldsUncredited(o.OrderId)))
            .OrderBy(o => o.At)
            .ToImmutableArray();
        return new OrderHistory(Count + other.Count, ids.Length > MaxRecentIds ? ids.RemoveRange(0, ids.Length - MaxRecentIds) : ids,
            uncredited.Length > MaxUncredited ? uncredited.RemoveRange(0, uncredited.Length - MaxUncredited) : uncredited);
    }

    // Kept oldest first, so the ones too old are a prefix.
    ImmutableArray<UncreditedOrder> UncreditedSince(Instant keptSince)
    {
        var old = 0;
        while (old < Uncredited.Length && Uncredited[old].At < keptSince) old++;
        return old == 0 ? Uncredited : Uncredited.RemoveRange(0, old);
    }

    bool HoldsUncredited(string orderId) => Uncredited.Any(o => o.OrderId == orderId);

    bool CreditedAlready(string orderId) => Contains(orderId) && !HoldsUncredited(orderId);
}
