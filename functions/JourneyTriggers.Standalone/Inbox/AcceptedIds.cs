using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The collector's memory of the event ids acknowledged in the last 7 days (and an hour), for its "duplicate"
/// answer: a set of <see cref="AcceptedId"/>s in memory, and on disk one <c>accepted_ids</c> row per acknowledged
/// request, read back at start. The ids were a SQLite index keyed by (customer, event id) before; inserting such
/// scattered keys made every group commit rewrite hundreds of index pages, about half the service's CPU at
/// 20,000 events/s. Memory: about 50 bytes per id remembered.
/// <para>
/// Admitting, forgetting and erasing run inside the inbox file's write transactions, so they see the ids in
/// the order the writer committed them. Ids admitted by a write that then fails are taken back by its caller.
/// </para>
/// </summary>
internal sealed class AcceptedIds
{
    readonly Lock gate = new();
    readonly HashSet<UInt128> events = [];
    // In the order they were appended, which is the order they are forgotten in.
    readonly Queue<Row> rows = new();

    AcceptedIds() { }

    public int Count
    {
        get { lock (gate) return events.Count; }
    }

    public static AcceptedIds Load(SqliteSession session)
    {
        var accepted = new AcceptedIds();
        foreach (var (seq, atTicks, ids) in AcceptedIdsTable.All(session))
        {
            accepted.rows.Enqueue(new Row(seq, atTicks, ids));
            foreach (var id in ids) accepted.events.Add(id.Event);
        }
        return accepted;
    }

    /// <summary>
    /// Remembers every id of <paramref name="ids"/> not remembered yet (of two equal ids, the first) and appends
    /// their row; the admission says which were new.
    /// </summary>
    public Admission Admit(SqliteSession session, IReadOnlyList<AcceptedId> ids, long atTicks)
    {
        var fresh = new bool[ids.Count];
        var kept = new List<AcceptedId>(ids.Count);
        lock (gate)
            for (var i = 0; i < ids.Count; i++)
                if (fresh[i] = events.Add(ids[i].Event)) kept.Add(ids[i]);
        var row = new Row(0, atTicks, [.. kept]);
        if (kept.Count > 0)
        {
            row.Seq = AcceptedIdsTable.Append(session, atTicks, row.Ids);
            lock (gate) rows.Enqueue(row);
        }
        return new Admission(fresh, row);
    }

    /// <summary>The write holding <paramref name="admission"/> failed: its ids were never acknowledged.</summary>
    public void Undo(Admission admission)
    {
        lock (gate)
        {
            foreach (var id in admission.Row.Ids) events.Remove(id.Event);
            admission.Row.Ids = [];
        }
    }

    /// <summary>Forgets the ids acknowledged before <paramref name="beforeTicks"/>; how many.</summary>
    public int Forget(SqliteSession session, long beforeTicks)
    {
        long? through = null;
        var forgotten = 0;
        lock (gate)
        {
            while (rows.TryPeek(out var oldest) && oldest.AtTicks < beforeTicks)
            {
                rows.Dequeue();
                foreach (var id in oldest.Ids) events.Remove(id.Event);
                forgotten += oldest.Ids.Length;
                through = oldest.Seq;
            }
        }
        if (through is { } seq) AcceptedIdsTable.RemoveThrough(session, seq);
        return forgotten;
    }

    /// <summary>
    /// Rewrites the rows holding the customer's ids without them. Memory changes only in <see cref="Apply"/>, once the
    /// rewrite has committed: an erasure that fails leaves nothing forgotten in memory that is still on disk.
    /// </summary>
    public Erasure PlanErasure(SqliteSession session, ulong customer)
    {
        var changes = new List<ErasedFromRow>();
        lock (gate)
            foreach (var row in rows)
                if (Array.Exists(row.Ids, id => id.Customer == customer))
                    changes.Add(new ErasedFromRow(row, Array.FindAll(row.Ids, id => id.Customer != customer), Array.FindAll(row.Ids, id => id.Customer == customer)));
        foreach (var change in changes) AcceptedIdsTable.Rewrite(session, change.Row.Seq, change.Kept);
        return new Erasure(changes);
    }

    /// <summary>The committed erasure, in memory; how many ids it forgot.</summary>
    public int Apply(Erasure erasure)
    {
        var forgotten = 0;
        lock (gate)
            foreach (var (row, kept, erased) in erasure.Changes)
            {
                foreach (var id in erased) events.Remove(id.Event);
                row.Ids = kept;
                forgotten += erased.Length;
            }
        return forgotten;
    }

    internal sealed class Row(long seq, long atTicks, AcceptedId[] ids)
    {
        public long Seq { get; set; } = seq;
        public long AtTicks { get; } = atTicks;
        public AcceptedId[] Ids { get; set; } = ids;
    }

    /// <summary>Which ids of a request were new (by position), and the row that remembers them.</summary>
    internal sealed record Admission(bool[] Fresh, Row Row);

    internal sealed record Erasure(IReadOnlyList<ErasedFromRow> Changes);

    internal sealed record ErasedFromRow(Row Row, AcceptedId[] Kept, AcceptedId[] Erased);
}
