using System.Collections.Immutable;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Recent touchpoint ids, for dedupe: every id seen in the last 7 days (by the host's clock), up to
/// <see cref="MaxIds"/>. Past that bound the oldest ids go first: a customer sending thousands of
/// events a week keeps a bounded document at the price of a shorter dedupe memory.
/// Immutable like every part of the state: each version is a fixed range of ids held in shared
/// <see cref="SeenChunk"/>s, so recording an id copies neither the window nor, as the window
/// grows, the ids already held (every event records one).
/// </summary>
public sealed record SeenTouchpoints
{
    public const int MaxIds = 1000;
    public static readonly Duration Window = Duration.FromDays(7);

    public static readonly SeenTouchpoints Empty = new(SeenChunk.None, 0, 0);

    /// <summary>The chunk holding the newest id; it and the chunks before it hold ids <see cref="start"/> on.</summary>
    readonly SeenChunk last;
    readonly int start;
    readonly int count;

    /// <summary>The window as a host stores it in the customer document, oldest first.</summary>
    public SeenTouchpoints(ImmutableArray<SeenTouchpoint> Ids) : this(SeenChunk.From(Ids.AsSpan()), 0, Ids.Length) { }

    /// <summary>
    /// A window over <paramref name="entries"/> themselves, oldest first, which the caller hands over
    /// and never touches again: the document reader builds the array once, and copying it into a log
    /// (as the public constructor must) would be a second 1,000-entry array on every load.
    /// </summary>
    internal static SeenTouchpoints Adopt(SeenTouchpoint[] entries) =>
        entries.Length == 0 ? Empty : new(SeenChunk.Adopt(entries), 0, entries.Length);

    SeenTouchpoints(SeenChunk last, int start, int count)
    {
        this.last = last;
        this.start = start;
        this.count = count;
    }

    /// <summary>
    /// The ids, oldest first: what the document holds. Built on demand; the engine itself never needs
    /// it. Settable in <c>with</c> and deconstructible, as when this was a positional record.
    /// </summary>
    public ImmutableArray<SeenTouchpoint> Ids
    {
        get => [.. Entries];
        init => (last, start, count) = (SeenChunk.From(value.AsSpan()), 0, value.Length);
    }

    /// <summary>
    /// The ids, oldest first: what the document writer reads. Without a copy when one chunk holds
    /// them all (a window just loaded, or grown in its first chunk).
    /// </summary>
    internal ReadOnlySpan<SeenTouchpoint> Entries
    {
        get
        {
            if (last.TryRange(start, start + count, out var range)) return range;
            var entries = new SeenTouchpoint[count];
            last.CopyTo(start, start + count, entries);
            return entries;
        }
    }

    public void Deconstruct(out ImmutableArray<SeenTouchpoint> Ids) => Ids = this.Ids;

    public bool Contains(TouchpointId id) => last.Contains(start, start + count, id.Value);

    public SeenTouchpoints Record(TouchpointId id, Instant now)
    {
        var oldest = now - Window;
        var end = start + count;
        var keptStart = start;
        while (keptStart < end && last.SeenAt(keptStart) <= oldest) keptStart++;
        if (end - keptStart >= MaxIds) keptStart = end - MaxIds + 1;
        var entry = new SeenTouchpoint(id.Value, now);
        if (last.TryAppend(end, entry)) return new SeenTouchpoints(last, keptStart, end + 1 - keptStart);

        // A full chunk or a fork: a new chunk linked to the ids kept — unless whole chunks hold only
        // ids that left the window: then what is kept moves to a fresh line, so they can go (the
        // bound on ids keeps that copy bounded, and rare).
        if (keptStart < end && last.Holding(keptStart).Previous is null)
            return new SeenTouchpoints(last.Next(end, entry), keptStart, end + 1 - keptStart);
        return new SeenTouchpoints(last.Compacted(keptStart, end, entry), 0, end + 1 - keptStart);
    }

    public SeenTouchpoints Merge(SeenTouchpoints other)
    {
        var all = Ids.AddRange(other.Ids).Sort((a, b) => a.SeenAt.CompareTo(b.SeenAt));
        return new SeenTouchpoints(all.Length > MaxIds ? all.RemoveRange(0, all.Length - MaxIds) : all);
    }
}

public readonly record struct SeenTouchpoint(string Id, Instant SeenAt);
