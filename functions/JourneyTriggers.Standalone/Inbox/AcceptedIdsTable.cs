using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The table <c>accepted_ids</c>: one row per acknowledged request, its new ids packed <see cref="AcceptedId.Size"/>
/// bytes each, appended in arrival order (schema step 2 in <see cref="InboxSchema"/>). Only <see cref="AcceptedIds"/>
/// reads it, once at start; looking an id up happens in memory.
/// </summary>
internal static class AcceptedIdsTable
{
    public static long Append(SqliteSession session, long atTicks, AcceptedId[] ids) =>
        (long)session.Command("INSERT INTO accepted_ids (at_ticks, ids) VALUES ($at, $ids) RETURNING seq")
            .Bind("$at", atTicks).Bind("$ids", AcceptedId.Encode(ids))
            .ExecuteScalar()!;

    public static IEnumerable<(long Seq, long AtTicks, AcceptedId[] Ids)> All(SqliteSession session)
    {
        using var reader = session.Command("SELECT seq, at_ticks, ids FROM accepted_ids ORDER BY seq").ExecuteReader();
        while (reader.Read()) yield return (reader.GetInt64(0), reader.GetInt64(1), AcceptedId.Decode(reader.GetFieldValue<byte[]>(2)));
    }

    public static void RemoveThrough(SqliteSession session, long seq) =>
        session.Command("DELETE FROM accepted_ids WHERE seq <= $seq").Bind("$seq", seq).ExecuteNonQuery();

    /// <summary>Keeps only <paramref name="ids"/> in the row; a row left empty goes.</summary>
    public static void Rewrite(SqliteSession session, long seq, AcceptedId[] ids)
    {
        var command = ids.Length == 0
            ? session.Command("DELETE FROM accepted_ids WHERE seq = $seq")
            : session.Command("UPDATE accepted_ids SET ids = $ids WHERE seq = $seq").Bind("$ids", AcceptedId.Encode(ids));
        command.Bind("$seq", seq).ExecuteNonQuery();
    }
}
