using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Standalone.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Timers;

/// <summary>
/// The durable timer table (DESIGN 4.5): a row is the wake-up call, the customer document holds the
/// truth. Rows are added and consumed only inside a customer save, so a wake-up is neither lost nor
/// applied twice, whenever the process dies.
/// </summary>
internal static class TimerTable
{
    public static void Arm(SqliteSession session, ProfileKey key, ArmTimer timer)
    {
        var due = timer.DueAt.ToUnixTimeTicks();
        session.Command("INSERT INTO timers (key, trigger, token, due_at_ticks, run_at_ticks) VALUES ($key, $trigger, $token, $due, $due)")
            .Bind("$key", key.Value).Bind("$trigger", timer.Trigger).Bind("$token", timer.Token.Value).Bind("$due", due)
            .ExecuteNonQuery();
    }

    /// <summary>Consumes the wake-up a save applied.</summary>
    public static void Complete(SqliteSession session, ProfileKey key, TimerDue timer) =>
        session.Command("DELETE FROM timers WHERE key = $key AND trigger = $trigger AND token = $token AND due_at_ticks = $due")
            .Bind("$key", key.Value).Bind("$trigger", timer.Trigger).Bind("$token", timer.Token.Value).Bind("$due", timer.DueAt.ToUnixTimeTicks())
            .ExecuteNonQuery();

    /// <summary>Rows whose time has come, in due order (a row that failed waits for its retry), at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<DueTimer> Due(SqliteSession session, long nowTicks, int limit)
    {
        using var reader = session.Command(
                "SELECT id, key, trigger, token, due_at_ticks, attempts FROM timers WHERE run_at_ticks <= $now ORDER BY run_at_ticks, id LIMIT $limit")
            .Bind("$now", nowTicks).Bind("$limit", limit)
            .ExecuteReader();
        var due = new List<DueTimer>();
        while (reader.Read())
            due.Add(new DueTimer(
                reader.GetInt64(0),
                new ProfileKey(reader.GetString(1)),
                new TimerDue(reader.GetString(2), new TimerToken(reader.GetInt64(3)), Instant.FromUnixTimeTicks(reader.GetInt64(4))),
                reader.GetInt32(5)));
        return due;
    }

    /// <summary>When the next row comes due, if there is one.</summary>
    public static long? NextRunAt(SqliteSession session) =>
        session.Command("SELECT MIN(run_at_ticks) FROM timers").ExecuteScalar() is long ticks ? ticks : null;

    /// <summary>Removes a wake-up whose customer no longer exists.</summary>
    public static void Drop(SqliteSession session, long id) =>
        session.Command("DELETE FROM timers WHERE id = $id").Bind("$id", id).ExecuteNonQuery();

    /// <summary>After a failed attempt: the row is taken again at <paramref name="runAtTicks"/>, without blocking the rows behind it.</summary>
    public static void Postpone(SqliteSession session, long id, long runAtTicks) =>
        session.Command("UPDATE timers SET run_at_ticks = $runAt, attempts = attempts + 1 WHERE id = $id")
            .Bind("$id", id).Bind("$runAt", runAtTicks)
            .ExecuteNonQuery();

    public static int Erase(SqliteSession session, ProfileKey key) =>
        session.Command("DELETE FROM timers WHERE key = $key").Bind("$key", key.Value).ExecuteNonQuery();
}
