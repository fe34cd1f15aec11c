using System.Globalization;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Timers;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// Customer documents in SQLite. A save is one transaction: the conditional write of the document,
/// the timers it arms, the wake-up it consumes, the messages it renders and the effects it logs, so
/// a crash leaves either all of a decision or none of it.
/// </summary>
public sealed class SqliteCustomerStore : ICustomerStore
{
    readonly SqliteDatabase database;
    readonly TimerSignal timers;
    readonly EmailDestination emails;

    /// <summary>
    /// The last version tag handed out. Tags come from one counter for the whole file rather than per
    /// row, so a customer erased and created again never gets back a tag a stale writer still holds.
    /// </summary>
    long lastETag;

    public SqliteCustomerStore(SqliteDatabase database, TimerSignal timers, EmailDestination emails)
    {
        this.database = database;
        this.timers = timers;
        this.emails = emails;
        lastETag = database.Read(session => session.Command("SELECT COALESCE(MAX(etag), 0) FROM customers").ExecuteScalar() as long? ?? 0);
    }

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
        var messages = change.Messages.Select(m => OutboxTable.ToRow(m, emails)).ToList();
        var logged = change.Effects.Where(e => e is not ArmTimer).Select(EffectLog.ToRow).ToList();

        var saved = await database.WriteAsync(session =>
        {
            if (!WriteDocument(session, change.Key, document, expected)) return false;
            if (change.CompletedTimer is { } completed) TimerTable.Complete(session, change.Key, completed);
            foreach (var timer in armed) TimerTable.Arm(session, change.Key, timer);
            foreach (var message in messages) OutboxTable.Insert(session, message);
            foreach (var effect in logged) EffectLog.Append(session, change.Key, effect);
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
        }, cancellationToken);
        return new ErasureReport(removed);
    }

    /// <summary>
    /// The conditional write, first in the transaction: when it changes nothing, nothing else has been
    /// written either and the (empty) transaction commits harmlessly.
    /// </summary>
    bool WriteDocument(SqliteSession session, ProfileKey key, byte[] document, long? expected)
    {
        var etag = lastETag + 1;
        var written = expected is null
            ? session.Command("INSERT INTO customers (key, document, etag) VALUES ($key, $document, $etag) ON CONFLICT (key) DO NOTHING")
                .Bind("$key", key.Value).Bind("$document", document).Bind("$etag", etag)
                .ExecuteNonQuery()
            : session.Command("UPDATE customers SET document = $document, etag = $etag WHERE key = $key AND etag = $expected")
                .Bind("$key", key.Value).Bind("$document", document).Bind("$etag", etag).Bind("$expected", expected.Value)
                .ExecuteNonQuery();
        if (written == 0) return false;
        // The writer lock makes this the only thread here; a save rolled back later only leaves a gap.
        lastETag = etag;
        return true;
    }
}
