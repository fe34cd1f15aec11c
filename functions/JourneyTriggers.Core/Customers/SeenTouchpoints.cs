using System.Collections.Immutable;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Recent touchpoint ids, for dedupe: every id seen in the last 7 days (by the host's clock), up to
/// <see cref="MaxIds"/>. Past that bound the oldest ids go first: a customer sending thousands of
/// events a week keeps a bounded document at the price of a shorter dedupe memory.
/// Immutable like every part of the state: each version is a fixed window of a shared
/// <see cref="SeenLog"/>, so recording an id does not copy the window (every event records one).
/// </summary>
public sealed record SeenTouchpoints
{
    public const int MaxIds = 1000;
    public static readonly Duration Window = Duration.FromDays(7);

    public static readonly SeenTouchpoints Empty = new(SeenLog.None, 0, 0);

    readonly SeenLog log;
    readonly int start;
    readonly int count;

    /// <summary>The window as a host stores it in the customer document, oldest first.</summary>
    public SeenTouchpoints(ImmutableArray<SeenTouchpoint> Ids) : this(SeenLog.From(Ids.AsSpan(), spare: 0), 0, Ids.Length) { }

    /// <summary>
    /// A window over <paramref name="entries"/> themselves, oldest first, which the caller hands over
    /// and never touches again: the document reader builds the array once, and copying it into a log
    /// (as the public constructor must) would be a second 1,000-entry array on every load.
    /// </summary>
    internal static SeenTouchpoints Adopt(SeenTouchpoint[] entries) =>
        entries.Length == 0 ? Empty : new(SeenLog.Adopt(entries), 0, entries.Length);

    SeenTouchpoints(SeenLog log, int start, int count)
    {
        this.log = log;
        this.start = start;
        this.count = count;
    }

    /// <summary>
    /// The ids, oldest first: what the document holds. Built on demand; the engine itself never needs
    /// it. Settable in <c>with</c> and deconstructible, as when this was a positional record.
    /// </summary>
    public ImmutableArray<SeenTouchpoint> Ids
    {
        get => [.. log.Range(start, count)];
        init => (log, start, count) = (SeenLog.From(value.AsSpan(), spare: 0), 0, value.Length);
    }

    /// <summary>The ids, oldest first, without the copy <see cref="Ids"/> makes: what the document writer reads.</summary>
    internal ReadOnlySpan<SeenTouchpoint> Entries => log.Range(start, count);

    public void Deconstruct(out ImmutableArray<SeenTouchpoint> Ids) => Ids = this.Ids;

    public bool Contains(TouchpointId id) => log.Contains(start, count, id.Value);

    public SeenTouchpoints Record(TouchpointId id, Instant now)
    {
        var oldest = now - Window;
        var expired = 0;
        while (expired < count && log.SeenAt(start + expired) <= oldest) expired++;
        if (count - expired >= MaxIds) expired = count - MaxIds + 1;
        var keptStart = start + expired;
        var kept = count - expired;
        var entry = new SeenTouchpoint(id.Value, now);
        if (log.TryAppend(start + count, entry)) return new SeenTouchpoints(log, keptStart, kept + 1);

        // A fork or a full log: copy what is kept into a fresh log with room to grow (the bound on
        // ids keeps it bounded).
        var fresh = log.Copy(keptStart, kept, fork: !log.IsFullAt(start + count));
        fresh.TryAppend(kept, entry);
        return new SeenTouchpoints(fresh, 0, kept + 1);
    }

    public SeenTouchpoints Merge(SeenTouchpoints other)
    {
        var all = Ids.AddRange(other.Ids).Sort((a, b) => a.SeenAt.CompareTo(b.SeenAt));
        return new SeenTouchpoints(all.Length > MaxIds ? all.RemoveRange(0, all.Length - MaxIds) : all);
    }
}

public readonly record struct SeenTouchpoint(string Id, Instant SeenAt);
