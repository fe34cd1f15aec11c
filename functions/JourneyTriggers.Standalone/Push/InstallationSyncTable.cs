using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Push;

/// <summary>
/// The <c>installation_sync</c> table: installation changes written in the same transaction as the
/// customer change that made them, removed once the provider has them. Only the oldest row of each
/// installation is ever due, so an upsert and a later delete of one device reach the provider in order.
/// </summary>
internal static class InstallationSyncTable
{
    public sealed record Row(long Id, InstallationSync Change, int Attempts);

    /// <summary>Due at once (run_at 0): the pump takes it on its next pass.</summary>
    public static void Insert(SqliteSession session, ProfileKey customer, InstallationSync change)
    {
        var (installationId, action, platform, channel) = change switch
        {
            InstallationSync.Upsert upsert => (upsert.Installation.InstallationId, "upsert", upsert.Installation.Platform, upsert.Installation.PushChannel),
            InstallationSync.Delete delete => (delete.InstallationId, "delete", null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown installation change."),
        };
        session.Command("""
                INSERT INTO installation_sync (customer_key, installation_id, action, platform, push_channel, run_at_ticks)
                VALUES ($customer, $installation, $action, $platform, $channel, 0)
                """)
            .Bind("$customer", customer.Value).Bind("$installation", installationId).Bind("$action", action)
            .Bind("$platform", platform).Bind("$channel", channel)
            .ExecuteNonQuery();
    }

    /// <summary>
    /// Drops the customer's changes not yet carried out: an erasure has already removed the installations at the
    /// provider, and a queued upsert would bring an erased customer's device (and its tag) back.
    /// </summary>
    public static int Erase(SqliteSession session, ProfileKey customer) =>
        session.Command("DELETE FROM installation_sync WHERE customer_key = $customer").Bind("$customer", customer.Value).ExecuteNonQuery();

    public static IReadOnlyList<Row> Due(SqliteSession session, long nowTicks, int limit)
    {
        using var reader = session.Command("""
                SELECT s.id, s.customer_key, s.installation_id, s.action, s.platform, s.push_channel, s.attempts
                FROM installation_sync s
                WHERE s.run_at_ticks <= $now
                  AND NOT EXISTS (SELECT 1 FROM installation_sync e WHERE e.installation_id = s.installation_id AND e.id < s.id)
                ORDER BY s.id LIMIT $limit
                """)
            .Bind("$now", nowTicks).Bind("$limit", limit)
            .ExecuteReader();
        var due = new List<Row>();
        while (reader.Read())
        {
            InstallationSync change = reader.GetString(3) == "delete"
                ? new InstallationSync.Delete(reader.GetString(2))
                : new InstallationSync.Upsert(new ProfileKey(reader.GetString(1)), new PushInstallation(reader.GetString(2), reader.GetNullableString(4), reader.GetNullableString(5)));
            due.Add(new Row(reader.GetInt64(0), change, reader.GetInt32(6)));
        }
        return due;
    }

    public static void Done(SqliteSession session, long id) =>
        session.Command("DELETE FROM installation_sync WHERE id = $id").Bind("$id", id).ExecuteNonQuery();

    public static void Retry(SqliteSession session, long id, string error, long runAtTicks) =>
        session.Command("UPDATE installation_sync SET attempts = attempts + 1, last_error = $error, run_at_ticks = $runAt WHERE id = $id")
            .Bind("$id", id).Bind("$error", error).Bind("$runAt", runAtTicks)
            .ExecuteNonQuery();
}
