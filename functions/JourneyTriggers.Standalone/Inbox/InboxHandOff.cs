namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// Touchpoints this process acknowledged and the pump has not taken yet, kept as read: the pump takes them from here
/// in sequence order instead of reading their rows back and parsing them a second time. Only committed ones are
/// added. What is missing here (after a restart, or while an acknowledgement is still on its way) the pump reads
/// from the file, so this is a short cut, never the record.
/// </summary>
internal sealed class InboxHandOff
{
    readonly Lock gate = new();
    readonly Dictionary<long, QueuedTouchpoint> waiting = [];
    long decidedThrough;

    public void Add(List<QueuedTouchpoint> committed)
    {
        lock (gate)
            foreach (var queued in committed)
                // Already decided from the file while its acknowledgement was on its way.
                if (queued.Seq > decidedThrough) waiting[queued.Seq] = queued;
    }

    /// <summary>The touchpoints that follow <paramref name="afterSeq"/> without a gap, at most <paramref name="limit"/>.</summary>
    public List<QueuedTouchpoint> Take(long afterSeq, int limit)
    {
        var taken = new List<QueuedTouchpoint>();
        lock (gate)
            while (taken.Count < limit && waiting.Remove(afterSeq + taken.Count + 1, out var next)) taken.Add(next);
        return taken;
    }

    /// <summary>
    /// The pump decided through <paramref name="seq"/>. Only a batch read from the file can leave anything at or before
    /// it here (a handed-over batch took its touchpoints out), so only that one costs a scan.
    /// </summary>
    public void Decided(long seq, bool fromFile)
    {
        lock (gate)
        {
            decidedThrough = seq;
            if (fromFile)
                foreach (var decided in waiting.Keys.Where(k => k <= seq).ToList()) waiting.Remove(decided);
        }
    }
}
