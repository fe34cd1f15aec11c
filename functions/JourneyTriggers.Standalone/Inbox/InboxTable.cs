using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The tables <c>inbox</c> (acknowledged touchpoints in arrival order, waiting to be decided) and
/// <c>accepted_ids</c> (every event id acknowledged in the last 7 days, per customer, for the collector's
/// "duplicate" answer). See schema step 5 in <see cref="SchemaMigrations"/>.
/// </summary>
internal static class InboxTable
{
    /// <summary>
    /// Records the id and queues the touchpoint; false, and nothing written, when the customer's id was already
    /// acknowledged (a duplicate). The sequence number of a queued touchpoint is in <paramref name="seq"/>.
    /// </summary>
    public static bool TryAppend(SqliteSession session, PendingTouchpoint touchpoint, out long seq)
    {
        seq = 0;
        var recorded = session.Command("INSERT INTO accepted_ids (customer_key, event_id, at_ticks) VALUES ($key, $id, $at) ON CONFLICT DO NOTHING")
            .Bind("$key", touchpoint.Customer.Value).Bind("$id", touchpoint.EventId).Bind("$at", touchpoint.ReceivedAtTicks)
            .ExecuteNonQuery();
        if (recorded == 0) return false;
        seq = (long)session.Command("INSERT INTO inbox (received_at_ticks, touchpoint) VALUES ($at, $touchpoint) RETURNING seq")
            .Bind("$at", touchpoint.ReceivedAtTicks).Bind("$touchpoint", touchpoint.Json)
            .ExecuteScalar()!;
        return true;
    }

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

    /// <summary>Forgets ids acknowledged before <paramref name="beforeTicks"/>, at most <paramref name="limit"/> of them per call.</summary>
    public static int ForgetAcceptedBefore(SqliteSession session, long beforeTicks, int limit) =>
        session.Command("DELETE FROM accepted_ids WHERE (customer_key, event_id) IN (SELECT customer_key, event_id FROM accepted_ids WHERE at_ticks < $before LIMIT $limit)")
            .Bind("$before", beforeTicks).Bind("$limit", limit).ExecuteNonQuery();

    /// <summary>The customer's acknowledged ids (erasure: they are the customer's event ids).</summary>
    public static int Erase(SqliteSession session, ProfileKey key) =>
        session.Command("DELETE FROM accepted_ids WHERE customer_key = $key").Bind("$key", key.Value).ExecuteNonQuery();
}

/// <summary>A touchpoint ready for the inbox: its owner and id for the duplicate check, its native JSON to decide later.</summary>
internal sealed record PendingTouchpoint(ProfileKey Customer, string EventId, long ReceivedAtTicks, byte[] Json);

/// <summary>A touchpoint in the inbox, as read back by the pump.</summary>
internal sealed record QueuedTouchpoint(long Seq, long ReceivedAtTicks, byte[] Json);
