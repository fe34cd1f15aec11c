using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The table <c>inbox</c>: acknowledged touchpoints in arrival order, waiting to be decided (<see cref="InboxSchema"/>).
/// </summary>
internal static class InboxTable
{
    /// <summary>
    /// Queues the touchpoints, in order, all received at <paramref name="receivedAtTicks"/>; the sequence number of the first
    /// (the others follow it without a gap: one writer, AUTOINCREMENT). A request's events go in a few statements of many
    /// rows each rather than one statement per event, which cost more in the driver than SQLite took to insert the row.
    /// </summary>
    public static long Append(SqliteSession session, IReadOnlyList<byte[]> touchpoints, long receivedAtTicks)
    {
        long first = 0;
        for (var done = 0; done < touchpoints.Count;)
        {
            var rows = RowsPerStatement.First(size => size <= touchpoints.Count - done);
            var insert = session.Command(AppendSql[rows]);
            if (insert.Parameters.Count == 0)
            {
                insert.Parameters.Add(new SqliteParameter("$at", SqliteType.Integer));
                for (var i = 0; i < rows; i++) insert.Parameters.Add(new SqliteParameter($"$t{i}", SqliteType.Blob));
            }
            insert.Parameters[0].Value = receivedAtTicks;
            for (var i = 0; i < rows; i++) insert.Parameters[i + 1].Value = touchpoints[done + i];
            insert.ExecuteNonQuery();
            if (done == 0) first = session.LastInsertRowId - rows + 1;
            done += rows;
        }
        return first;
    }

    /// <summary>Statement sizes, largest first: a request of 100 events is 64 + 16 + 16 + 4 rows, and few statements are ever prepared.</summary>
    static readonly int[] RowsPerStatement = [64, 16, 4, 1];

    static readonly Dictionary<int, string> AppendSql = RowsPerStatement.ToDictionary(rows => rows, rows =>
        "INSERT INTO inbox (received_at_ticks, touchpoint) VALUES " + string.Join(", ", Enumerable.Range(0, rows).Select(i => $"($at, $t{i})")));

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
internal sealed record PendingTouchpoint(AcceptedId Id, Touchpoint Touchpoint, byte[] Json);

/// <summary>
/// A touchpoint in the inbox: as read back from the file by the pump (<paramref name="Read"/> null), or handed over
/// as read by the collector that acknowledged it (<see cref="InboxHandOff"/>).
/// </summary>
internal sealed record QueuedTouchpoint(long Seq, long ReceivedAtTicks, byte[] Json, Touchpoint? Read = null);
