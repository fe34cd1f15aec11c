using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The storage behind <see cref="SeenTouchpoints"/>: a run of consecutive ids that successive
/// versions share, each version seeing only its own range. Ids are numbered in recording order; a
/// chunk holds the ids from <see cref="Base"/> on, and <see cref="Previous"/> the ones before it, up
/// to this chunk's base. The newest version appends in place, into a slot past every range handed
/// out, which no existing version can observe; a full chunk, or an append from an older version (a
/// fork), starts a new chunk that links back to the ids it keeps rather than copying them. Each
/// slot carries the id's hash, so a lookup scans ints.
/// </summary>
internal sealed class SeenChunk
{
    public static readonly SeenChunk None = new(0, 0, null, 0);

    /// <summary>Largest chunk a growing line starts: bounds the room left unused at the newest end.</summary>
    const int MaxCapacity = 256;
    const int MinCapacity = 8;

    readonly SeenTouchpoint[] entries;
    readonly int[] hashes;

    /// <summary>Slots handed out so far; only the version ending exactly here may append in place.</summary>
    int claimed;

    /// <summary>
    /// Appends made in memory by this line of versions, carried into each new chunk. It sizes the
    /// next chunk: a replay keeping states in memory gets growing chunks (fewer links), a host that
    /// loads the document for one event a small one. Only a sizing hint: a count lost to a race
    /// between threads changes capacity, never contents.
    /// </summary>
    int appends;

    SeenChunk(int capacity, int @base, SeenChunk? previous, int appends)
    {
        entries = capacity == 0 ? [] : new SeenTouchpoint[capacity];
        hashes = capacity == 0 ? [] : new int[capacity];
        Base = @base;
        Previous = previous;
        this.appends = appends;
    }

    /// <summary>Number of this chunk's first id.</summary>
    public int Base { get; }

    /// <summary>The chunk holding the ids before <see cref="Base"/> (those this line kept), or null.</summary>
    public SeenChunk? Previous { get; }

    /// <summary>A chunk of the given ids, numbered from 0, full: the caller's array, which it must not change afterwards.</summary>
    public static SeenChunk Adopt(SeenTouchpoint[] source)
    {
        var chunk = new SeenChunk(source, source.Length);
        for (var i = 0; i < source.Length; i++) chunk.hashes[i] = Hash(source[i].Id);
        return chunk;
    }

    SeenChunk(SeenTouchpoint[] source, int claimed)
    {
        entries = source;
        hashes = new int[source.Length];
        this.claimed = claimed;
    }

    public static SeenChunk From(ReadOnlySpan<SeenTouchpoint> source)
    {
        var chunk = new SeenChunk(source.Length, 0, null, 0);
        for (var i = 0; i < source.Length; i++) chunk.Set(i, source[i]);
        chunk.claimed = source.Length;
        return chunk;
    }

    /// <summary>The chunk holding id number <paramref name="number"/> of the line ending at this chunk.</summary>
    public SeenChunk Holding(int number)
    {
        var chunk = this;
        while (number < chunk.Base) chunk = chunk.Previous!;
        return chunk;
    }

    public SeenTouchpoint At(int number) => entries[number - Base];

    /// <summary>
    /// Appends id number <paramref name="end"/> in place if that is the first free slot and there is
    /// room. The compare-and-swap makes two versions racing from the same end (two threads) safe:
    /// one wins, the other starts a chunk of its own.
    /// </summary>
    public bool TryAppend(int end, SeenTouchpoint entry)
    {
        var slot = end - Base;
        if (slot < 0 || slot >= entries.Length || Interlocked.CompareExchange(ref claimed, slot + 1, slot) != slot) return false;
        Set(slot, entry);
        appends++;
        return true;
    }

    /// <summary>
    /// A chunk for id number <paramref name="end"/> on, linked to this one, which keeps the ids
    /// before it: nothing is copied.
    /// </summary>
    public SeenChunk Next(int end, SeenTouchpoint entry) => new SeenChunk(NextCapacity(0), end, this, appends).Started(entry);

    /// <summary>
    /// A fresh line holding ids <paramref name="start"/> to <paramref name="end"/> (exclusive) of this
    /// one, renumbered from 0, then <paramref name="entry"/>: what drops chunks whose ids all expired.
    /// </summary>
    public SeenChunk Compacted(int start, int end, SeenTouchpoint entry)
    {
        var kept = end - start;
        var fresh = new SeenChunk(NextCapacity(kept), 0, null, appends);
        // Each chunk holds this line's ids from its base up to the next chunk's base.
        for (var chunk = this; end > start; chunk = chunk.Previous!)
        {
            var from = Math.Max(start, chunk.Base);
            chunk.entries.AsSpan(from - chunk.Base, end - from).CopyTo(fresh.entries.AsSpan(from - start));
            chunk.hashes.AsSpan(from - chunk.Base, end - from).CopyTo(fresh.hashes.AsSpan(from - start));
            end = chunk.Base;
        }
        fresh.claimed = kept;
        return fresh.Started(kept, entry);
    }

    SeenChunk Started(SeenTouchpoint entry) => Started(Base, entry);

    SeenChunk Started(int end, SeenTouchpoint entry)
    {
        if (!TryAppend(end, entry)) throw new InvalidOperationException("A new chunk has room for its first id.");
        return this;
    }

    int NextCapacity(int kept) => kept + Math.Clamp(appends, MinCapacity, MaxCapacity);

    /// <summary>Copies this line's ids <paramref name="start"/> to <paramref name="end"/> (exclusive) into <paramref name="into"/>, oldest first.</summary>
    public void CopyTo(int start, int end, Span<SeenTouchpoint> into)
    {
        for (var chunk = this; end > start; chunk = chunk.Previous!)
        {
            var from = Math.Max(start, chunk.Base);
            chunk.entries.AsSpan(from - chunk.Base, end - from).CopyTo(into[(from - start)..]);
            end = chunk.Base;
        }
    }

    /// <summary>Ids <paramref name="start"/> to <paramref name="end"/> (exclusive) when this chunk alone holds them, without a copy.</summary>
    public bool TryRange(int start, int end, out ReadOnlySpan<SeenTouchpoint> range)
    {
        range = start >= Base ? entries.AsSpan(start - Base, end - start) : default;
        return start >= Base;
    }

    public bool Contains(int start, int end, string id)
    {
        var hash = Hash(id);
        for (var chunk = this; end > start; chunk = chunk.Previous!)
        {
            var from = Math.Max(start, chunk.Base);
            var candidates = chunk.hashes.AsSpan(from - chunk.Base, end - from);
            var offset = 0;
            while (offset < candidates.Length)
            {
                var hit = candidates[offset..].IndexOf(hash);
                if (hit < 0) break;
                if (string.Equals(chunk.entries[from - chunk.Base + offset + hit].Id, id, StringComparison.Ordinal)) return true;
                offset += hit + 1;
            }
            end = chunk.Base;
        }
        return false;
    }

    public Instant SeenAt(int number) => Holding(number).At(number).SeenAt;

    void Set(int slot, SeenTouchpoint entry)
    {
        entries[slot] = entry;
        hashes[slot] = Hash(entry.Id);
    }

    // In-memory only (string hashes are randomised per process): hosts store Ids, never these.
    static int Hash(string id) => id.GetHashCode(StringComparison.Ordinal);
}
