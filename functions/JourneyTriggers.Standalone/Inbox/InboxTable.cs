using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The table <c>inbox</c>: acknowledged touchpoints in arrival order, waiting to be decided, one row per request
/// (<see cref="InboxSchema"/>, version 3). A row holds its request's touchpoints as lines of native JSON, which never
/// contains a raw line break, and is keyed by the seq of its last touchpoint; the others count back from it.
/// </summary>
internal static class InboxTable
{
    const byte LineBreak = (byte)'\n';

    /// <summary>
    /// Queues the touchpoints, in order, all received at <paramref name="receivedAtTicks"/>, as one row; the seq of the
    /// first (the others follow it without a gap). The seqs are taken in the same transaction, so a write rolled back
    /// gives none away.
    /// </summary>
    public static long Append(SqliteSession session, IReadOnlyList<byte[]> touchpoints, long receivedAtTicks)
    {
        var last = (long)session.Command("UPDATE inbox_sequence SET last = last + $count RETURNING last")
            .Bind("$count", touchpoints.Count).ExecuteScalar()!;
        session.Command("INSERT INTO inbox (last_seq, received_at_ticks, events, touchpoints) VALUES ($last, $at, $events, $touchpoints)")
            .Bind("$last", last).Bind("$at", receivedAtTicks).Bind("$events", touchpoints.Count).Bind("$touchpoints", Lines(touchpoints))
            .ExecuteNonQuery();
        return last - touchpoints.Count + 1;
    }

    static byte[] Lines(IReadOnlyList<byte[]> touchpoints)
    {
        var length = touchpoints.Count - 1;
        foreach (var touchpoint in touchpoints) length += touchpoint.Length;
        var lines = new byte[length];
        var at = 0;
        for (var i = 0; i < touchpoints.Count; i++)
        {
            if (i > 0) lines[at++] = LineBreak;
            touchpoints[i].CopyTo(lines, at);
            at += touchpoints[i].Length;
        }
        return lines;
    }

    /// <summary>Up to <paramref name="limit"/> queued touchpoints after <paramref name="afterSeq"/>, oldest first.</summary>
    public static List<QueuedTouchpoint> Next(SqliteSession session, long afterSeq, int limit)
    {
        using var reader = session.Command("SELECT last_seq, received_at_ticks, events, touchpoints FROM inbox WHERE last_seq > $after ORDER BY last_seq")
            .Bind("$after", afterSeq).ExecuteReader();
        var queued = new List<QueuedTouchpoint>();
        while (queued.Count < limit && reader.Read())
        {
            var (last, receivedAt, events) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
            var seq = last - events + 1;
            foreach (var line in Split(reader.GetFieldValue<byte[]>(3), events, last))
            {
                if (seq > afterSeq && queued.Count < limit) queued.Add(new QueuedTouchpoint(seq, receivedAt, line));
                seq++;
            }
        }
        return queued;
    }

    static List<byte[]> Split(byte[] lines, int events, long lastSeq)
    {
        var split = new List<byte[]>(events);
        foreach (var line in lines.AsSpan().Split(LineBreak)) split.Add(lines[line]);
        if (split.Count != events)
            throw new InvalidDataException($"The inbox row ending at touchpoint {lastSeq} says it holds {events} touchpoints but has {split.Count} lines; inbox.db is damaged.");
        return split;
    }

    /// <summary>
    /// Removes the requests decided, those whose last touchpoint is at or before <paramref name="seq"/>. A request decided
    /// only in part stays until the rest is; if the service stops first, its decided part is decided again, harmlessly
    /// (its ids are known).
    /// </summary>
    public static void Remove(SqliteSession session, long seq) =>
        session.Command("DELETE FROM inbox WHERE last_seq <= $seq").Bind("$seq", seq).ExecuteNonQuery();

    /// <summary>The seq of the first touchpoint still queued, or null when the inbox is empty; and the last ever given.</summary>
    public static (long? First, long LastGiven) Bounds(SqliteSession session)
    {
        using var reader = session.Command(
            "SELECT (SELECT last_seq - events + 1 FROM inbox ORDER BY last_seq LIMIT 1), (SELECT last FROM inbox_sequence)").ExecuteReader();
        reader.Read();
        return (reader.GetNullableInt64(0), reader.GetInt64(1));
    }
}

/// <summary>A touchpoint ready for the inbox: its id for the duplicate check, its native JSON to store, and itself as read.</summary>
internal sealed record PendingTouchpoint(AcceptedId Id, Touchpoint Touchpoint, byte[] Json);

/// <summary>
/// A touchpoint in the inbox: as read back from the file by the pump (<paramref name="Read"/> null), or handed over
/// as read by the collector that acknowledged it (<see cref="InboxHandOff"/>).
/// </summary>
internal sealed record QueuedTouchpoint(long Seq, long ReceivedAtTicks, byte[] Json, Touchpoint? Read = null);
