using System.Globalization;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Push;
using JourneyTriggers.Standalone.Timers;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// Customer documents in SQLite. A save is one transaction: the conditional write of the document,
/// the timers it arms, the wake-up it consumes, the messages it renders, the effects it logs and its
/// metric tally, so a crash leaves either all of a decision or none of it. With <paramref name="syncInstallations"/>
/// (a push provider is configured) the push installation changes join the transaction too, for the
/// <see cref="Push.InstallationSyncPump"/> to carry out. An erasure also forgets the customer's event ids in the
/// <paramref name="inbox"/>.
/// </summary>
public sealed class SqliteCustomerStore(SqliteDatabase database, TimerSignal timers, OutboxDestinations destinations, bool syncInstallations = false,
    SqliteInbox? inbox = null) : ICustomerStore
{
    public Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var row = database.Read(session =>
        {
            using var reader = session.Command("SELECT document, etag FROM customers WHERE key = $key").Bind("$key", key.Value).ExecuteReader();
            return reader.Read() ? (Document: reader.GetFieldValue<byte[]>(0), ETag: reader.GetInt64(1)) : default((byte[] Document, long ETag)?);
        });
        return Task.FromResult(row is var (document, etag)
            ? new StoredCustomer(CustomerDocument.Deserialize(document), etag.ToString(CultureInfo.InvariantCulture))
            : null);
    }

    public async Task<bool> TrySaveAsync(CustomerChange change, CancellationToken cancellationToken = default)
    {
        // Everything that costs CPU is done before queueing for the one writer.
        var document = CustomerDocument.Serialize(change.State);
        var expected = change.ExpectedETag is { } tag ? long.Parse(tag, NumberStyles.None, CultureInfo.InvariantCulture) : (long?)null;
        var armed = change.Effects.OfType<ArmTimer>().ToList();
        var messages = change.Messages.Select(m => OutboxTable.ToRow(m, destinations)).ToList();
        var logged = change.Effects.Where(e => e is not ArmTimer).Select(EffectLog.ToRow).ToList();
        var tallies = MetricTallyTable.ToRows(change.Metrics);

        var saved = await database.WriteAsync(session =>
        {
            if (!WriteDocument(session, change.Key, document, expected)) return false;
            if (change.CompletedTimer is { } completed) TimerTable.Complete(session, change.Key, completed);
            foreach (var timer in armed) TimerTable.Arm(session, change.Key, timer);
            foreach (var message in messages) OutboxTable.Insert(session, message);
            foreach (var effect in logged) EffectLog.Append(session, change.Key, effect);
            if (syncInstallations)
                foreach (var installation in change.Installations) InstallationSyncTable.Insert(session, change.Key, installation);
            foreach (var tally in tallies) MetricTallyTable.Append(session, tally);
            return true;
        }, cancellationToken);

        if (saved && armed.Count > 0) timers.Armed(armed.Min(t => t.DueAt));
        return saved;
    }

    public async Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        var removed = await database.WriteAsync(session => new Dictionary<string, int>
        {
            ["customer"] = session.Command("DELETE FROM customers WHERE key = $key").Bind("$key", key.Value).ExecuteNonQuery(),
            ["timers"] = TimerTable.Erase(session, key),
            ["messages"] = OutboxTable.Erase(session, key),
            ["effects"] = EffectLog.Erase(session, key),
            ["installationChanges"] = InstallationSyncTable.Erase(session, key),
        }, cancellationToken);
        // In the inbox's own file: after the document, so a failure here leaves only ids that answer "duplicate".
        removed["acceptedEventIds"] = inbox is null ? 0 : await inbox.EraseAsync(key, cancellationToken);
        return new ErasureReport(removed);
    }

    /// <summary>
    /// The conditional write, first in the transaction: when it changes nothing, nothing else has been
    /// written either and the (empty) transaction commits harmlessly. The new tag is the file's
    /// counter plus one (see <c>etag_counter</c> in <see cref="SchemaMigrations"/>).
    /// </summary>
    static bool WriteDocument(SqliteSession session, ProfileKey key, byte[] document, long? expected)
    {
        var written = expected is null
            // "WHERE true" tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to a join.
            ? session.Command("INSERT INTO customers (key, document, etag) SELECT $key, $document, last + 1 FROM etag_counter WHERE true ON CONFLICT (key) DO NOTHING")
                .Bind("$key", key.Value).Bind("$document", document)
                .ExecuteNonQuery()
            : session.Command("UPDATE customers SET document = $document, etag = (SELECT last + 1 FROM etag_counter) WHERE key = $key AND etag = $expected")
                .Bind("$key", key.Value).Bind("$document", document).Bind("$expected", expected.Value)
                .ExecuteNonQuery();
        if (written == 0) return false;
        session.Command("UPDATE etag_counter SET last = last + 1").ExecuteNonQuery();
        return true;
    }
}
