using System.Text;
using System.Text.Json;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>
/// The outbox seen as the dispatcher's queue. A row's <c>delivery_json</c> is its delivery record
/// (<see cref="DeliveryProgress"/>), written and committed before every provider call; <c>status</c>
/// sums it up (pending, sending, delivered, failed, unknown). A settled row keeps
/// <c>outcome_recorded = 0</c> until its verdict is on the customer's timeline.
/// </summary>
internal static class OutboxQueue
{
    /// <summary>Rows due for an attempt; "sending" rows were cut short by a stop or a crash and are due at once.</summary>
    public static IReadOnlyList<QueuedMessage> Due(SqliteSession session, long nowTicks, int limit)
    {
        using var reader = session.Command("""
                SELECT message_id, customer_key, channel, trigger, step, template, locale, at_ticks, to_address, subject, html, text,
                       headers_json, push_installations_json, push_title, push_body, push_deep_link, delivery_json, status
                FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at_ticks <= $now
                ORDER BY next_attempt_at_ticks, at_ticks LIMIT $limit
                """)
            .Bind("$now", nowTicks).Bind("$limit", limit)
            .ExecuteReader();
        var due = new List<QueuedMessage>();
        while (reader.Read())
        {
            var channel = reader.GetString(2) == "email" ? Channel.Email : Channel.Push;
            var message = new OutboundMessage(
                reader.GetString(0), new ProfileKey(reader.GetString(1)), channel, reader.GetString(3), reader.GetInt32(4),
                reader.GetString(5), reader.GetString(6), Instant.FromUnixTimeTicks(reader.GetInt64(7)),
                channel == Channel.Email
                    ? new EmailContent(reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11), OutboxTable.HeadersOf(reader.GetNullableString(12)))
                    : null,
                channel == Channel.Push
                    ? new PushContent(JsonSerializer.Deserialize<string[]>(reader.GetNullableString(13) ?? "[]")!, reader.GetString(14), reader.GetString(15), reader.GetNullableString(16))
                    : null);
            var progress = ProgressOf(reader.GetNullableString(17))
                ?? (reader.GetString(18) == "sending" ? ClaimedBeforeRecords(message) : null);
            due.Add(new QueuedMessage(message, progress));
        }
        return due;
    }

    /// <summary>
    /// Writes the delivery record and its summary, only while the row is still in flight; false when it is
    /// not (erased meanwhile). A settled status also marks the verdict as still to be recorded.
    /// </summary>
    public static bool Save(SqliteSession session, string messageId, OutboxStatus status, DeliveryProgress progress, long nextAttemptTicks,
        string? lastError, long? deliveredAtTicks) =>
        session.Command("""
                UPDATE outbox SET status = $status, delivery_json = $progress, attempts = $attempts, next_attempt_at_ticks = $next,
                    last_error = $error, delivered_at_ticks = $deliveredAt,
                    outcome_recorded = CASE WHEN $status IN ('delivered', 'failed', 'unknown') THEN 0 ELSE outcome_recorded END
                WHERE message_id = $id AND status IN ('pending', 'sending')
                """)
            .Bind("$id", messageId).Bind("$status", status.ToWire()).Bind("$progress", Encoding.UTF8.GetString(DeliveryProgressJson.Serialize(progress)))
            .Bind("$attempts", progress.Targets.Sum(t => t.Attempts)).Bind("$next", nextAttemptTicks).Bind("$error", lastError)
            .Bind("$deliveredAt", deliveredAtTicks)
            .ExecuteNonQuery() == 1;

    /// <summary>Settled rows whose verdict is not yet on the customer's timeline, with what it takes to record it.</summary>
    public static IReadOnlyList<(ProfileKey Customer, OutboundMessage Message, DeliveryProgress Progress)> Unrecorded(SqliteSession session, int limit)
    {
        using var reader = session.Command("""
                SELECT message_id, customer_key, channel, trigger, step, template, locale, at_ticks, delivery_json
                FROM outbox WHERE outcome_recorded = 0 AND delivery_json IS NOT NULL LIMIT $limit
                """)
            .Bind("$limit", limit)
            .ExecuteReader();
        var rows = new List<(ProfileKey, OutboundMessage, DeliveryProgress)>();
        while (reader.Read())
        {
            var key = new ProfileKey(reader.GetString(1));
            var message = new OutboundMessage(reader.GetString(0), key, reader.GetString(2) == "email" ? Channel.Email : Channel.Push,
                reader.GetString(3), reader.GetInt32(4), reader.GetString(5), reader.GetString(6), Instant.FromUnixTimeTicks(reader.GetInt64(7)), null, null);
            rows.Add((key, message, ProgressOf(reader.GetString(8))!));
        }
        return rows;
    }

    public static void MarkRecorded(SqliteSession session, string messageId) =>
        session.Command("UPDATE outbox SET outcome_recorded = 1 WHERE message_id = $id").Bind("$id", messageId).ExecuteNonQuery();

    /// <summary>
    /// A row a version-1 dispatcher (no delivery records) left "sending": its one call was under way, so
    /// every target counts as claimed, and the state machine decides as for any interrupted call.
    /// </summary>
    static DeliveryProgress ClaimedBeforeRecords(OutboundMessage message)
    {
        var start = DeliveryProgress.Start(message, message.At);
        return new DeliveryProgress([.. start.Targets.Select(t => t with { Status = TargetStatus.Sending, Attempts = 1, FirstAttemptAt = message.At })]);
    }

    static DeliveryProgress? ProgressOf(string? json) => json is null ? null : DeliveryProgressJson.Read(Encoding.UTF8.GetBytes(json));
}
