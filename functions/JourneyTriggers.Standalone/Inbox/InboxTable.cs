using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The table <c>inbox</c>: acknowledged touchpoints in arrival order, waiting to be decided (<see cref="InboxSchema"/>).
/// </summary>
internal static class InboxTable
{
    /// <summary>Queues the touchpoint; its sequence number.</summary>
    public static long Append(SqliteSession session, PendingTouchpoint touchpoint) =>
        (long)session.Command("INSERT INTO inbox (received_at_ticks, touchpoint) VALUES ($at, $touchpoint) RETURNING seq")
            .Bind("$at", touchpoint.ReceivedAtTicks).Bind("$touchpoint", touchpoint.Json)
            .ExecuteScalar()!;

    /// <summary>Up to <paramref name="limit"/> queued touchpoints after <paramref name="afterSeq"/>, oldest first.</summary>
    public static List<QueuedTouchpoint> Next(SqliteSession session, long afterSeq, int limit)
    {
        using var reader = session.Command("SELECT seq, received_at_ticks, touchpoint FROM inbox WHERE seq > $after ORDER BY seq LIMIT $limit")
            .Bind("$after", afterSeq).Bind("$limit", limit).ExecuteReader();
        var rows = new List<QueuedTouchpoint>();
        while (reader.Read()) rows.Add(new QueuedTouchpoint(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        return rows;
    }

    /// <summary>Removes the touchpoints decided, up to and including <paramref name="seq"/>.</summary>
    public static void Remove(SqliteSession session, long seq) =>
        session.Command("DELETE FROM inbox WHERE seq <= $seq").Bind("$seq", seq).ExecuteNonQuery();

    /// <summary>The sequence numbers still queued (first, last), or null when the inbox is empty; and the last ever given.</summary>
    public static (long? First, long LastGiven) Bounds(SqliteSession session)
    {
        using var reader = session.Command("SELECT (SELECT MIN(seq) FROM inbox), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'inbox'), 0)").ExecuteReader();
        reader.Read();
        return (reader.GetNullableInt64(0), reader.GetInt64(1));
    }
}

/// <summary>A touchpoint ready for the inbox: its id for the duplicate check, its native JSON to store, and itself as read.</summary>
internal sealed record PendingTouchpoint(AcceptedId Id, Touchpoint Touchpoint, long ReceivedAtTicks, byte[] Json);

/// <summary>
/// A touchpoint in the inbox: as read back from the file by the pump (<paramref name="Read"/> null), or handed over
/// as read by the collector that acknowledged it (<see cref="InboxHandOff"/>).
/// </summary>
internal sealed record QueuedTouchpoint(long Seq, long ReceivedAtTicks, byte[] Json, Touchpoint? Read = null);
