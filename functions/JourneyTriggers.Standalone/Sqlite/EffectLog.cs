using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// The durable log of decisions (table <c>effects</c>), from which metrics are computed (DESIGN 4.7).
/// Timer arming is plumbing, not a decision, and lives in the timer table instead.
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
