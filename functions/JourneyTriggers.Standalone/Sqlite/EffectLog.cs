using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// The durable log of decisions (table <c>effects</c>), for the operator: every decision but timer arming (plumbing,
/// kept in the timer table), in the wire format <c>simulate</c> prints, until retention deletes it
/// (<c>Retention/RetentionSweeper</c>) or the customer is erased. Metrics are kept apart, as tallies.
/// </summary>
internal static class EffectLog
{
    /// <summary>An effect ready to insert: its JSON is rendered before the write lock is taken.</summary>
    public sealed record Row(long AtTicks, string Type, string? Trigger, string Json);

    public static Row ToRow(Effect effect) =>
        new(effect.At.ToUnixTimeTicks(), effect.WireName, TriggerOf(effect), EffectWireFormat.ToLine(effect));

    public static void Append(SqliteSession session, ProfileKey key, Row row) =>
        session.Command("INSERT INTO effects (at_ticks, customer_key, type, trigger, json) VALUES ($at, $key, $type, $trigger, $json)")
            .Bind("$at", row.AtTicks).Bind("$key", key.Value).Bind("$type", row.Type).Bind("$trigger", row.Trigger).Bind("$json", row.Json)
            .ExecuteNonQuery();

    public static int Erase(SqliteSession session, ProfileKey key) =>
        session.Command("DELETE FROM effects WHERE customer_key = $key").Bind("$key", key.Value).ExecuteNonQuery();

    /// <summary>
    /// The seq from which the log is kept: that of the first decision, in log order, at or after <paramref name="cutoffTicks"/>
    /// (past every row when none is). Log order is close to time order, and a decision logged after a younger one is
    /// kept until that one goes, so finding the boundary reads only the rows to delete and needs no index on time.
    /// </summary>
    public static long FirstKept(SqliteSession session, long cutoffTicks) =>
        Convert.ToInt64(session.Command("""
            SELECT COALESCE(
                (SELECT seq FROM effects WHERE at_ticks >= $cutoff ORDER BY seq LIMIT 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM effects))
            """).Bind("$cutoff", cutoffTicks).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Deletes up to <paramref name="limit"/> of the oldest decisions logged before <paramref name="firstKept"/>; how many.</summary>
    public static int DeleteBefore(SqliteSession session, long firstKept, int limit) =>
        session.Command("DELETE FROM effects WHERE seq IN (SELECT seq FROM effects WHERE seq < $kept ORDER BY seq LIMIT $limit)")
            .Bind("$kept", firstKept).Bind("$limit", limit).ExecuteNonQuery();

    static string? TriggerOf(Effect effect) => effect switch
    {
        JourneyEntered e => e.Trigger,
        ExitJourney e => e.Trigger,
        SendReminder e => e.Path.Trigger,
        DeferReminder e => e.Path.Trigger,
        SuppressReminder e => e.Path.Trigger,
        SkipStep e => e.Path.Trigger,
        RecordConversion e => e.Path.Trigger,
        RecordDelivered e => e.Path.Trigger,
        RecordDeliveryFailed e => e.Path.Trigger,
        RecordDeliveryUnknown e => e.Path.Trigger,
        RejectTouchpoint => null,
        _ => throw new ArgumentException($"The effect log has no row for {effect.GetType().Name}.", nameof(effect)),
    };
}
