using System.Collections.Immutable;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Recent touchpoint ids, for dedupe: every id seen in the last 7 days (by the host's clock), up to
/// <see cref="MaxIds"/>. Past that bound the oldest ids go first: a customer sending thousands of
/// events a week keeps a bounded document at the price of a shorter dedupe memory.
/// </summary>
public sealed record SeenTouchpoints(ImmutableArray<SeenTouchpoint> Ids)
{
    public const int MaxIds = 1000;
    public static readonly Duration Window = Duration.FromDays(7);

    public static readonly SeenTouchpoints Empty = new(ImmutableArray<SeenTouchpoint>.Empty);

    public bool Contains(TouchpointId id)
    {
        foreach (var seen in Ids)
            if (string.Equals(seen.Id, id.Value, StringComparison.Ordinal)) return true;
        return false;
    }

    public SeenTouchpoints Record(TouchpointId id, Instant now)
    {
        var ids = Ids;
        var expired = 0;
        while (expired < ids.Length && ids[expired].SeenAt <= now - Window) expired++;
        if (ids.Length - expired >= MaxIds) expired = ids.Length - MaxIds + 1;
        if (expired > 0) ids = ids.RemoveRange(0, expired);
        return new SeenTouchpoints(ids.Add(new SeenTouchpoint(id.Value, now)));
    }

    public SeenTouchpoints Merge(SeenTouchpoints other)
    {
        var all = Ids.AddRange(other.Ids).Sort((a, b) => a.SeenAt.CompareTo(b.SeenAt));
        return new SeenTouchpoints(all.Length > MaxIds ? all.RemoveRange(0, all.Length - MaxIds) : all);
    }
}

public readonly record struct SeenTouchpoint(string Id, Instant SeenAt);
