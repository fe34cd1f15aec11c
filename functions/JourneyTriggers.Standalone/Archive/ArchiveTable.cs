using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Archive;

/// <summary>The table <c>touchpoints</c> of <see cref="ArchiveSchema"/>: decided touchpoints in arrival order.</summary>
internal static class ArchiveTable
{
    /// <summary>
    /// Keeps the touchpoints; one already kept is left as it is, since a batch decided again after a restart keeps the
    /// same touchpoints under the same seqs.
    /// </summary>
    public static void Keep(SqliteSession session, IReadOnlyList<ArchivedTouchpoint> decided)
    {
        foreach (var touchpoint in decided)
            session.Command("INSERT INTO touchpoints (seq, received_at_ticks, customer_key, touchpoint) VALUES ($seq, $at, $key, $touchpoint) ON CONFLICT (seq) DO NOTHING")
                .Bind("$seq", touchpoint.Seq).Bind("$at", touchpoint.ReceivedAtTicks).Bind("$key", touchpoint.CustomerKey).Bind("$touchpoint", touchpoint.Json)
                .ExecuteNonQuery();
    }

    /// <summary>Forgets the touchpoints of these seqs (kept, then not decided after all).</summary>
    public static void Forget(SqliteSession session, IReadOnlyList<long> seqs)
    {
        foreach (var seq in seqs) session.Command("DELETE FROM touchpoints WHERE seq = $seq").Bind("$seq", seq).ExecuteNonQuery();
    }

    /// <summary>The last seq kept, or 0 when none is.</summary>
    public static long LastSeq(SqliteSession session) =>
        (long)session.Command("SELECT COALESCE(MAX(seq), 0) FROM touchpoints").ExecuteScalar()!;

    /// <summary>
    /// The seq of the first touchpoint received at or after <paramref name="ticks"/>, or null when none was. Arrival
    /// instants follow the seqs only roughly (requests acknowledged together commit in either order), so a range is cut
    /// at this seq: touchpoints never fall between two ranges or into both.
    /// </summary>
    public static long? FirstReceivedAtOrAfter(SqliteSession session, long ticks)
    {
        var seq = session.Command("SELECT seq FROM touchpoints WHERE received_at_ticks >= $at ORDER BY received_at_ticks, seq LIMIT 1")
            .Bind("$at", ticks).ExecuteScalar();
        return seq is long found ? found : null;
    }

    /// <summary>Up to <paramref name="limit"/> touchpoints after <paramref name="afterSeq"/> and before <paramref name="beforeSeq"/>, in order.</summary>
    public static List<(long Seq, byte[] Json)> Page(SqliteSession session, long afterSeq, long beforeSeq, int limit)
    {
        using var reader = session.Command("SELECT seq, touchpoint FROM touchpoints WHERE seq > $after AND seq < $before ORDER BY seq LIMIT $limit")
            .Bind("$after", afterSeq).Bind("$before", beforeSeq).Bind("$limit", limit).ExecuteReader();
        return Rows(reader, limit);
    }

    /// <summary>As <see cref="Page"/>, the touchpoints of these profiles only (through the index by customer).</summary>
    public static List<(long Seq, byte[] Json)> PageOf(SqliteSession session, IReadOnlyList<ProfileKey> profiles, long afterSeq, long beforeSeq, int limit)
    {
        var names = string.Join(", ", profiles.Select((_, i) => $"$key{i}"));
        var command = session.Command($"SELECT seq, touchpoint FROM touchpoints WHERE customer_key IN ({names}) AND seq > $after AND seq < $before ORDER BY seq LIMIT $limit")
            .Bind("$after", afterSeq).Bind("$before", beforeSeq).Bind("$limit", limit);
        for (var i = 0; i < profiles.Count; i++) command.Bind($"$key{i}", profiles[i].Value);
        using var reader = command.ExecuteReader();
        return Rows(reader, limit);
    }

    static List<(long, byte[])> Rows(Microsoft.Data.Sqlite.SqliteDataReader reader, int limit)
    {
        var page = new List<(long, byte[])>(limit);
        while (reader.Read()) page.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        return page;
    }

    public static int Erase(SqliteSession session, ProfileKey key) =>
        session.Command("DELETE FROM touchpoints WHERE customer_key = $key").Bind("$key", key.Value).ExecuteNonQuery();

    /// <summary>Deletes up to <paramref name="limit"/> of the touchpoints received before <paramref name="cutoffTicks"/>, oldest first; how many.</summary>
    public static int DeleteReceivedBefore(SqliteSession session, long cutoffTicks, int limit) =>
        session.Command("DELETE FROM touchpoints WHERE seq IN (SELECT seq FROM touchpoints WHERE received_at_ticks < $cutoff ORDER BY received_at_ticks LIMIT $limit)")
            .Bind("$cutoff", cutoffTicks).Bind("$limit", limit).ExecuteNonQuery();
}
