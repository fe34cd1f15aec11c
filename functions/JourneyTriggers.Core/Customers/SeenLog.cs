using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The storage behind <see cref="SeenTouchpoints"/>: an append-only array that successive versions
/// share, each seeing only its own range. Recording an id used to copy the whole window (up to
/// 1000 ids) on every event; now the newest version appends in place, which no existing version can
/// observe because the slot lies past every range handed out. Only an append from an older version
/// (a fork) or a full array copies. Each slot carries the id's hash, so a lookup scans ints.
/// </summary>
internal sealed class SeenLog
{
    public static readonly SeenLog None = new(0);

    readonly SeenTouchpoint[] entries;
    readonly int[] hashes;

    /// <summary>Slots handed out so far; only the version ending exactly here may append in place.</summary>
    int claimed;

    /// <summary>
    /// Appends made in memory by this line of versions, carried across copies. It sizes the room a
    /// full log's copy leaves: a replay keeping states in memory doubles (amortised O(1) appends),
    /// a host that loads the document for one event copies little more than it needs. Only a sizing
    /// hint: a count lost to a race between threads changes capacity, never contents.
    /// </summary>
    int appends;

    SeenLog(int capacity) : this(capacity == 0 ? [] : new SeenTouchpoint[capacity]) { }

    SeenLog(SeenTouchpoint[] entries)
    {
        this.entries = entries;
        hashes = entries.Length == 0 ? [] : new int[entries.Length];
    }

    /// <summary>A full log over the caller's array, which it must not change afterwards.</summary>
    public static SeenLog Adopt(SeenTouchpoint[] source)
    {
        var log = new SeenLog(source);
        for (var i = 0; i < source.Length; i++) log.hashes[i] = Hash(source[i].Id);
        log.claimed = source.Length;
        return log;
    }

    public static SeenLog From(ReadOnlySpan<SeenTouchpoint> source, int spare)
    {
        var log = new SeenLog(source.Length + spare);
        for (var i = 0; i < source.Length; i++) log.Set(i, source[i]);
        log.claimed = source.Length;
        return log;
    }

    /// <summary>Whether an append at <paramref name="end"/> failed for want of room, rather than because a later version took the slot.</summary>
    public bool IsFullAt(int end) => end >= entries.Length;

    /// <summary>
    /// A fresh log holding a range of this one; the hashes come along rather than being recomputed.
    /// A full log's line grows by its appends so far; a fork (a decision retried on an older
    /// version) starts a line of its own with a little room.
    /// </summary>
    public SeenLog Copy(int start, int count, bool fork)
    {
        var log = new SeenLog(count + (fork ? MinSpare : Math.Clamp(appends, MinSpare, Math.Max(MinSpare, count))));
        entries.AsSpan(start, count).CopyTo(log.entries);
        hashes.AsSpan(start, count).CopyTo(log.hashes);
        log.claimed = count;
        log.appends = fork ? 0 : appends;
        return log;
    }

    const int MinSpare = 4;

    public ReadOnlySpan<SeenTouchpoint> Range(int start, int count) => entries.AsSpan(start, count);

    public Instant SeenAt(int index) => entries[index].SeenAt;

    public bool Contains(int start, int count, string id)
    {
        var hash = Hash(id);
        var candidates = hashes.AsSpan(start, count);
        var offset = 0;
        while (offset < candidates.Length)
        {
            var hit = candidates[offset..].IndexOf(hash);
            if (hit < 0) return false;
            if (string.Equals(entries[start + offset + hit].Id, id, StringComparison.Ordinal)) return true;
            offset += hit + 1;
        }
        return false;
    }

    /// <summary>
    /// Appends at <paramref name="end"/> if that is the first free slot and there is room. The
    /// compare-and-swap makes two versions racing from the same end (two threads) safe: one wins,
    /// the other copies.
    /// </summary>
    public bool TryAppend(int end, SeenTouchpoint entry)
    {
        if (end >= entries.Length || Interlocked.CompareExchange(ref claimed, end + 1, end) != end) return false;
        Set(end, entry);
        appends++;
        return true;
    }

    void Set(int index, SeenTouchpoint entry)
    {
        entries[index] = entry;
        hashes[index] = Hash(entry.Id);
    }

    // In-memory only (string hashes are randomised per process): hosts store Ids, never these.
    static int Hash(string id) => id.GetHashCode(StringComparison.Ordinal);
}
