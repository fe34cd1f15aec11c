using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Smtp;

/// <summary>
/// The outbox seen as the SMTP dispatcher's queue: pending → sending → delivered | failed | unknown,
/// or back to pending for a retry. Each transition is its own committed write, and "sending" is
/// committed before the server hears of the message, so a crash can never lead to a second send.
/// </summary>
internal static class EmailQueue
{
    /// <summary>At start-up: rows left "sending" by a process that died mid-send become "unknown".</summary>
    public static int MarkInterrupted(SqliteSession session) =>
        session.Command("UPDATE outbox SET status = 'unknown', last_error = 'interrupted while sending' WHERE status = 'sending'")
            .ExecuteNonQuery();

    public static IReadOnlyList<PendingEmail> Due(SqliteSession session, long nowTicks, int limit)
    {
        using var reader = session.Command("""
                SELECT message_id, customer_key, at_ticks, to_address, subject, html, text, headers_json, attempts
                FROM outbox WHERE status = 'pending' AND next_attempt_at_ticks <= $now
                ORDER BY next_attempt_at_ticks, at_ticks LIMIT $limit
                """)
            .Bind("$now", nowTicks).Bind("$limit", limit)
            .ExecuteReader();
        var due = new List<PendingEmail>();
        while (reader.Read())
            due.Add(new PendingEmail(
                reader.GetString(0),
                new ProfileKey(reader.GetString(1)),
                Instant.FromUnixTimeTicks(reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                OutboxTable.HeadersOf(reader.GetNullableString(7)),
                reader.GetInt32(8)));
        return due;
    }

    /// <summary>Claims the message for one attempt; false when it is no longer pending (erased meanwhile).</summary>
    public static bool MarkSending(SqliteSession session, string messageId) =>
        session.Command("UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE message_id = $id AND status = 'pending'")
            .Bind("$id", messageId)
            .ExecuteNonQuery() == 1;

    /// <summary>The attempt ended: delivered, failed or unknown, with the reason for the last two.</summary>
    public static void Settle(SqliteSession session, string messageId, OutboxStatus status, string? error, long? deliveredAtTicks) =>
        session.Command("""
                UPDATE outbox SET status = $status, last_error = $error, delivered_at_ticks = $deliveredAt
                WHERE message_id = $id AND status = 'sending'
                """)
            .Bind("$id", messageId).Bind("$status", status.ToWire()).Bind("$error", error).Bind("$deliveredAt", deliveredAtTicks)
            .ExecuteNonQuery();

    /// <summary>The server refused for now, before taking the message: pending again, tried at <paramref name="nextAttemptTicks"/>.</summary>
    public static void Retry(SqliteSession session, string messageId, string error, long nextAttemptTicks) =>
        session.Command("""
                UPDATE outbox SET status = 'pending', last_error = $error, next_attempt_at_ticks = $next
                WHERE message_id = $id AND status = 'sending'
                """)
            .Bind("$id", messageId).Bind("$error", error).Bind("$next", nextAttemptTicks)
            .ExecuteNonQuery();
}
