using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// Parsed customer documents with their ETags, as <see cref="SqliteCustomerStore"/> last saved or read them.
/// The process is the only writer of its data folder, so a document it saved is what the file holds until
/// it writes that customer again: the inbox pump, which loads a busy customer every batch, then decides
/// from memory instead of reading and parsing ~25 KB it wrote moments before. Sound because the engine
/// decides the same from a state as from that state's document (Core's ReplayThroughDocumentsProperties).
/// <para>
/// Bounded by the serialized size of the documents held, least recently used out first. A parsed
/// document takes several times its serialized size in memory; see docs/performance.md.
/// </para>
/// <para>
/// Two rules keep it from answering with anything older than the file. An entry is only ever replaced
/// by a newer ETag (tags come from one counter per file, so newer is larger). And whatever installs an
/// entry takes a <see cref="Ticket"/> before its I/O: an eviction meanwhile (a conflict, a failed save,
/// an erasure) voids the ticket, so a read or save that began before an erasure cannot bring the erased
/// customer back. Whenever a version that may be the file's newest is not held (refused for a void ticket, too large, or
/// trimmed for room), the tickets taken before are void too: a save that commits after a read of the version before
/// would otherwise let that read land its older version. Tickets are kept per stripe of keys, not per key, so they cost fixed memory; a
/// collision only costs a later read.
/// </para>
/// </summary>
internal sealed class CustomerDocumentCache
{
    /// <summary>
    /// 64 MiB of serialized documents, for a store built without a size (tests and tools): about 2,800 busy customers at
    /// 1,000 seen ids (~23 KB each), some 200 MiB parsed. The service keeps none unless the operator sets
    /// <c>Standalone:DocumentCacheMegabytes</c> (see <see cref="StandaloneOptions.DefaultDocumentCacheBytes"/>).
    /// </summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    const int Stripes = 1024;

    readonly long capacityBytes;
    readonly Lock gate = new();
    readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);

    /// <summary>Most recently used first.</summary>
    readonly LinkedList<Entry> recency = new();

    /// <summary>Evictions per stripe of keys so far: a ticket names the count it saw.</summary>
    readonly long[] evictions = new long[Stripes];

    long bytes;

    public CustomerDocumentCache(long capacityBytes = DefaultCapacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        this.capacityBytes = capacityBytes;
    }

    /// <summary>Serialized bytes of the documents held.</summary>
    public long Bytes
    {
        get { lock (gate) return bytes; }
    }

    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>Taken before reading or writing the customer's row; <see cref="Install"/> honours it only if nothing was evicted since.</summary>
    public Ticket Begin(ProfileKey key)
    {
        // The service's default: every find and save passes here, and a cache that keeps nothing needs no lock.
        if (capacityBytes == 0) return default;
        var stripe = StripeOf(key.Value);
        lock (gate) return new Ticket(stripe, evictions[stripe]);
    }

    public bool TryGet(ProfileKey key, out StoredCustomer customer)
    {
        customer = null!;
        if (capacityBytes == 0) return false;
        lock (gate)
        {
            if (!entries.TryGetValue(key.Value, out var node)) return false;
            MoveToFront(node);
            customer = node.Value.Customer;
            return true;
        }
    }

    /// <summary>
    /// Keeps <paramref name="customer"/>, tagged <paramref name="etag"/> and <paramref name="size"/> bytes
    /// serialized, unless the cache already holds a newer tag or the <paramref name="ticket"/> is void.
    /// </summary>
    public void Install(ProfileKey key, Ticket ticket, StoredCustomer customer, long etag, int size)
    {
        if (capacityBytes == 0) return;
        lock (gate)
        {
            if (evictions[ticket.Stripe] != ticket.Evictions)
            {
                Forget(key.Value);
                return;
            }
            if (entries.TryGetValue(key.Value, out var held))
            {
                if (held.Value.ETag >= etag)
                {
                    if (held.Value.ETag == etag) MoveToFront(held);
                    return;
                }
                Remove(held);
            }
            if (size > capacityBytes)
            {
                Forget(key.Value);
                return;
            }
            var node = recency.AddFirst(new Entry(key.Value, customer, etag, size));
            entries.Add(key.Value, node);
            bytes += size;
            while (bytes > capacityBytes) Forget(recency.Last!.Value.Key);
        }
    }

    /// <summary>Forgets the customer and voids every ticket taken for its stripe before now.</summary>
    public void Evict(ProfileKey key)
    {
        // Nothing was ever installed, so there is no entry to drop and no ticket to void.
        if (capacityBytes == 0) return;
        lock (gate) Forget(key.Value);
    }

    /// <summary>
    /// Under the lock: drops the customer's entry, if any, and voids every ticket of its stripe taken before now. Done
    /// whenever a version that may be the file's newest is not held (evicted, refused for a void ticket, too large, or
    /// trimmed for room): a read begun before it, of the version before, must not land in its place.
    /// </summary>
    void Forget(string key)
    {
        evictions[StripeOf(key)]++;
        if (entries.TryGetValue(key, out var node)) Remove(node);
    }

    void MoveToFront(LinkedListNode<Entry> node)
    {
        if (node == recency.First) return;
        recency.Remove(node);
        recency.AddFirst(node);
    }

    void Remove(LinkedListNode<Entry> node)
    {
        recency.Remove(node);
        entries.Remove(node.Value.Key);
        bytes -= node.Value.Size;
    }

    static int StripeOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes);

    public readonly record struct Ticket(int Stripe, long Evictions);

    sealed record Entry(string Key, StoredCustomer Customer, long ETag, int Size);
}
