using System.Collections.Immutable;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// How many orders the customer completed (for branch conditions) and the recent order ids, so a
/// repeated orderId is recognised as a duplicate.
/// </summary>
public sealed record OrderHistory(int Count, ImmutableArray<string> RecentOrderIds)
{
    public const int MaxRecentIds = 100;

    public static readonly OrderHistory None = new(0, ImmutableArray<string>.Empty);

    public bool Contains(string orderId) => RecentOrderIds.Contains(orderId, StringComparer.Ordinal);

    public OrderHistory Record(string orderId)
    {
        var ids = RecentOrderIds.Length >= MaxRecentIds ? RecentOrderIds.RemoveAt(0) : RecentOrderIds;
        return new OrderHistory(Count + 1, ids.Add(orderId));
    }

    public OrderHistory Merge(OrderHistory other)
    {
        var ids = RecentOrderIds.AddRange(other.RecentOrderIds.Where(id => !Contains(id)));
        return new OrderHistory(Count + other.Count, ids.Length > MaxRecentIds ? ids.RemoveRange(0, ids.Length - MaxRecentIds) : ids);
    }
}
