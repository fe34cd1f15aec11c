using System.Globalization;
using System.Text.Json;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.DeadLetters;

/// <summary>Dead letters in the table <c>dead_letters</c>: touchpoints the inbox pump could never decide.</summary>
public sealed class SqliteDeadLetterStore(SqliteDatabase database) : IDeadLetterStore
{
    public Task<string> WriteAsync(DeadLetter letter, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => ((long)session
                .Command("INSERT INTO dead_letters (at_ticks, source, reason, body, details) VALUES ($at, $source, $reason, $body, $details) RETURNING id")
                .Bind("$at", letter.At.ToUnixTimeTicks()).Bind("$source", letter.Source).Bind("$reason", letter.Reason)
                .Bind("$body", letter.Body.ToArray()).Bind("$details", JsonSerializer.Serialize(letter.Details))
                .ExecuteScalar()!).ToString(CultureInfo.InvariantCulture),
            cancellationToken);

    public Task<IReadOnlyList<StoredDeadLetter>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<StoredDeadLetter>>(session =>
        {
            using var reader = session.Command("SELECT id, at_ticks, source, reason, body, details FROM dead_letters ORDER BY id DESC LIMIT $limit")
                .Bind("$limit", limit).ExecuteReader();
            var letters = new List<StoredDeadLetter>();
            while (reader.Read())
                letters.Add(new StoredDeadLetter(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), new DeadLetter(
                    Instant.FromUnixTimeTicks(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [])));
            return letters;
        }));
    }

    /// <summary>One transaction: every body is read and matched here, under the writer, so none written meanwhile is missed.</summary>
    public Task<int> EraseMentioningAsync(DeadLetterMentions mentions, CancellationToken cancellationToken = default) => database.WriteAsync(session =>
        {
            var named = new List<long>();
            using (var reader = session.Command("SELECT id, body FROM dead_letters").ExecuteReader())
                while (reader.Read())
                    if (mentions.Names(reader.GetFieldValue<byte[]>(1))) named.Add(reader.GetInt64(0));
            foreach (var id in named) session.Command("DELETE FROM dead_letters WHERE id = $id").Bind("$id", id).ExecuteNonQuery();
            return named.Count;
        }, cancellationToken);
}
