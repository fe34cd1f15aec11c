using System.Text;
using System.Text.Json;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>
/// The outbox table: every rendered message under its deterministic id, with its delivery status.
/// Rows are written in the same transaction as the decision to send them.
/// </summary>
internal static class OutboxTable
{
    /// <summary>A message ready to insert: its JSON parts are rendered before the write lock is taken.</summary>
    public sealed record Row(OutboundMessage Message, OutboxStatus Status, string? HeadersJson, string? InstallationsJson, string? KeptDeliveryJson);

    public static Row ToRow(OutboundMessage message, OutboxDestinations destinations)
    {
        if (message.Channel == Channel.Email && message.Email is null)
            throw new ArgumentException($"Email message {message.MessageId} has no email content.", nameof(message));
        if (message.Channel == Channel.Push && message.Push is null)
            throw new ArgumentException($"Push message {message.MessageId} has no push content.", nameof(message));
        var kept = !destinations.Sends(message.Channel);
        return new Row(
            message,
            kept ? OutboxStatus.Delivered : OutboxStatus.Pending,
            message.Email is { } email ? JsonSerializer.Serialize(email.Headers) : null,
            message.Push is { } push ? JsonSerializer.Serialize(push.InstallationIds) : null,
            kept ? Encoding.UTF8.GetString(DeliveryProgressJson.Serialize(DeliveryProgress.KeptInOutbox(message.At))) : null);
    }

    /// <summary>Stores the message unless its id is already there: a message is never stored, so never sent, twice.</summary>
    public static void Insert(SqliteSession session, Row row)
    {
        var m = row.Message;
        var owner = m.Customer.Owner;
        var at = m.At.ToUnixTimeTicks();
        session.Command("""
                INSERT OR IGNORE INTO outbox (
                    message_id, customer_key, customer_id, anonymous_id, channel, trigger, step, template, locale, at_ticks,
                    subject, to_address, html, text, headers_json, push_title, push_body, push_deep_link, push_installations_json,
                    status, delivered_at_ticks, next_attempt_at_ticks, delivery_json, outcome_recorded)
                VALUES (
                    $id, $key, $customerId, $anonymousId, $channel, $trigger, $step, $template, $locale, $at,
                    $subject, $to, $html, $text, $headers, $pushTitle, $pushBody, $pushDeepLink, $installations,
                    $status, $deliveredAt, $at, $delivery, $recorded)
                """)
            .Bind("$id", m.MessageId).Bind("$key", m.Customer.Value).Bind("$customerId", owner.CustomerId).Bind("$anonymousId", owner.AnonymousId)
            .Bind("$channel", m.Channel.ToWire()).Bind("$trigger", m.Trigger).Bind("$step", m.Step).Bind("$template", m.Template)
            .Bind("$locale", m.Locale).Bind("$at", at)
            .Bind("$subject", m.Email?.Subject).Bind("$to", m.Email?.To).Bind("$html", m.Email?.Html).Bind("$text", m.Email?.Text)
            .Bind("$headers", row.HeadersJson)
            .Bind("$pushTitle", m.Push?.Title).Bind("$pushBody", m.Push?.Body).Bind("$pushDeepLink", m.Push?.DeepLink)
            .Bind("$installations", row.InstallationsJson)
            .Bind("$status", row.Status.ToWire()).Bind("$deliveredAt", row.Status == OutboxStatus.Delivered ? at : null)
            // A message kept in the outbox has its verdict already, which the dispatcher puts on the timeline; one bound
            // for a provider is marked unrecorded when its verdict comes (OutboxQueue.Save).
            .Bind("$delivery", row.KeptDeliveryJson).Bind("$recorded", row.KeptDeliveryJson is null ? 1 : 0)
            .ExecuteNonQuery();
    }

    public static int Erase(SqliteSession session, ProfileKey key) =>
        session.Command("DELETE FROM outbox WHERE customer_key = $key").Bind("$key", key.Value).ExecuteNonQuery();

    /// <summary>
    /// Deletes up to <paramref name="limit"/> messages rendered before <paramref name="cutoffTicks"/> that are settled: handed to
    /// their provider or kept in the outbox, with the verdict on the customer's timeline. How many.
    /// </summary>
    public static int DeleteSettledBefore(SqliteSession session, long cutoffTicks, int limit) =>
        session.Command("""
            DELETE FROM outbox WHERE message_id IN (
                SELECT message_id FROM outbox
                WHERE at_ticks < $cutoff AND status IN ('delivered', 'failed', 'unknown') AND outcome_recorded = 1
                LIMIT $limit)
            """).Bind("$cutoff", cutoffTicks).Bind("$limit", limit).ExecuteNonQuery();

    /// <summary>Newest first; when <paramref name="customerId"/> is given, the messages of that known or anonymous id.</summary>
    public static IReadOnlyList<OutboxEntry> List(SqliteSession session, string? customerId, int limit)
    {
        const string Columns = """
            SELECT message_id, customer_id, anonymous_id, channel, trigger, step, template, locale, at_ticks, status, attempts,
                   last_error, delivered_at_ticks, to_address, subject, html, text, headers_json, push_title, push_body, push_deep_link
            FROM outbox
            """;
        var command = customerId is null
            ? session.Command(Columns + " ORDER BY at_ticks DESC, rowid DESC LIMIT $limit")
            : session.Command(Columns + " WHERE customer_key IN ($known, $anonymous) ORDER BY at_ticks DESC, rowid DESC LIMIT $limit")
                .Bind("$known", ProfileKey.ForCustomer(customerId).Value).Bind("$anonymous", ProfileKey.ForAnonymous(customerId).Value);
        using var reader = command.Bind("$limit", limit).ExecuteReader();
        var entries = new List<OutboxEntry>();
        while (reader.Read()) entries.Add(Entry(reader));
        return entries;
    }

    static OutboxEntry Entry(SqliteDataReader r) => new(
        MessageId: r.GetString(0),
        CustomerId: r.GetNullableString(1),
        AnonymousId: r.GetNullableString(2),
        Channel: ChannelOf(r.GetString(3)),
        Trigger: r.GetString(4),
        Step: r.GetInt32(5),
        Template: r.GetString(6),
        Locale: r.GetString(7),
        At: Instant.FromUnixTimeTicks(r.GetInt64(8)),
        Status: OutboxStatusNames.Parse(r.GetString(9)),
        Attempts: r.GetInt32(10),
        LastError: r.GetNullableString(11),
        DeliveredAt: r.GetNullableInt64(12) is { } delivered ? Instant.FromUnixTimeTicks(delivered) : null,
        To: r.GetNullableString(13),
        Subject: r.GetNullableString(14),
        Html: r.GetNullableString(15),
        Text: r.GetNullableString(16),
        Headers: HeadersOf(r.GetNullableString(17)),
        PushTitle: r.GetNullableString(18),
        PushBody: r.GetNullableString(19),
        PushDeepLink: r.GetNullableString(20));

    public static IReadOnlyDictionary<string, string> HeadersOf(string? json) =>
        json is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;

    static Channel ChannelOf(string wire) => wire switch
    {
        "email" => Channel.Email,
        "push" => Channel.Push,
        _ => throw new FormatException($"Unknown channel '{wire}' in the outbox."),
    };
}
