using System.Globalization;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Standalone.Archive;
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
/// <paramref name="inbox"/>, and the touchpoints kept in the <paramref name="archive"/>.
/// <para>
/// Documents saved or read are kept parsed in a <see cref="CustomerDocumentCache"/> of
/// <paramref name="documentCacheBytes"/> serialized bytes, which finds answer from first. It relies on this store
/// being the only writer of the file's customers (one process per data folder, one store per file).
/// </para>
/// </summary>
public sealed class SqliteCustomerStore(SqliteDatabase database, TimerSignal timers, OutboxDestinations destinations, bool syncInstallations = false,
    SqliteInbox? inbox = null, long documentCacheBytes = CustomerDocumentCache.DefaultCapacityBytes, TouchpointArchive? archive = null) : ICustomerStore
{
    readonly CustomerDocumentCache documents = new(documentCacheBytes);

    /// <summary>The documents held parsed: for tests and measurements.</summary>
    internal CustomerDocumentCache Documents => documents;

    public Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (documents.TryGet(key, out var cached)) return Task.FromResult<StoredCustomer?>(cached);
        var ticket = documents.Begin(key);
        var row = database.Read(session =>
        {
            using var reader = session.Command("SELECT document, etag FROM customers WHERE key = $key").Bind("$key", key.Value).ExecuteReader();
            return reader.Read() ? (Document: reader.GetFieldValue<byte[]>(0), ETag: reader.GetInt64(1)) : default((byte[] Document, long ETag)?);
        });
        if (row is not var (document, etag)) return Task.FromResult<StoredCustomer?>(null);
        var stored = new StoredCustomer(CustomerDocument.Deserialize(document), Tag(etag));
        documents.Install(key, ticket, stored, etag, document.Length);
        return Task.FromResult<StoredCustomer?>(stored);
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

        var ticket = documents.Begin(change.Key);
        long? written;
        try
        {
            written = await database.WriteAsync<long?>(session =>
            {
                if (WriteDocument(session, change.Key, document, change.State.MergedInto, expected) is not { } etag) return null;
                if (change.CompletedTimer is { } completed) TimerTable.Complete(session, change.Key, completed);
                foreach (var timer in armed) TimerTable.Arm(session, change.Key, timer);
                foreach (var message in messages) OutboxTable.Insert(session, message);
                foreach (var effect in logged) EffectLog.Append(session, change.Key, effect);
                if (syncInstallations)
                    foreach (var installation in change.Installations) InstallationSyncTable.Insert(session, change.Key, installation);
                foreach (var tally in tallies) MetricTallyTable.Append(session, tally);
                return etag;
            }, cancellationToken);
        }
        catch
        {
            // Committed or not, the cached version can no longer be trusted to be the file's.
            documents.Evict(change.Key);
            throw;
        }
        if (written is not { } savedTag)
        {
            // Another version is in the file: the next find reads it.
            documents.Evict(change.Key);
            return false;
        }

        // Only now, after the commit: a document rolled back must never be answered.
        documents.Install(change.Key, ticket, new StoredCustomer(change.State, Tag(savedTag)), savedTag, document.Length);
        if (armed.Count > 0) timers.Armed(armed.Min(t => t.DueAt));
        return true;
    }

    public async Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        // Raw events, in a file of their own: before the document, so a failure here leaves the customer findable and a
        // retry of the erasure still reaches them.
        var archived = archive is null ? 0 : await archive.EraseAsync(key, cancellationToken);
        Dictionary<string, int> removed;
        try
        {
            removed = await database.WriteAsync(session => new Dictionary<string, int>
            {
                ["customer"] = session.Command("DELETE FROM customers WHERE key = $key").Bind("$key", key.Value).ExecuteNonQuery(),
                ["timers"] = TimerTable.Erase(session, key),
                ["messages"] = OutboxTable.Erase(session, key),
                ["effects"] = EffectLog.Erase(session, key),
                ["installationChanges"] = InstallationSyncTable.Erase(session, key),
            }, cancellationToken);
        }
        finally
        {
            // After the delete, and voiding any read or save begun before it: an erased customer never comes back from memory.
            documents.Evict(key);
        }
        // In the inbox's own file: after the document, so a failure here leaves only ids that answer "duplicate".
        removed["acceptedEventIds"] = inbox is null ? 0 : await inbox.EraseAsync(key, cancellationToken);
        removed["archivedTouchpoints"] = archived;
        await database.EmptyWalAsync();
        return new ErasureReport(removed);
    }

    public Task<IReadOnlyList<ProfileKey>> MergedIntoAsync(string customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<ProfileKey>>(session =>
        {
            using var reader = session.Command("SELECT key FROM customers WHERE merged_into = $id ORDER BY key").Bind("$id", customerId).ExecuteReader();
            var keys = new List<ProfileKey>();
            while (reader.Read()) keys.Add(new ProfileKey(reader.GetString(0)));
            return keys;
        }));
    }

    /// <summary>
    /// The conditional write, first in the transaction: when it changes nothing, nothing else has been
    /// written either and the (empty) transaction commits harmlessly. The new tag is the file's
    /// counter plus one (see <c>etag_counter</c> in <see cref="SchemaMigrations"/>), as the write itself
    /// returns it; null when the write was refused.
    /// </summary>
    static long? WriteDocument(SqliteSession session, ProfileKey key, byte[] document, string? mergedInto, long? expected)
    {
        var written = expected is null
            // "WHERE true" tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to a join.
            ? session.Command("INSERT INTO customers (key, document, etag, merged_into) SELECT $key, $document, last + 1, $mergedInto FROM etag_counter WHERE true ON CONFLICT (key) DO NOTHING RETURNING etag")
                .Bind("$key", key.Value).Bind("$document", document).Bind("$mergedInto", mergedInto)
                .ExecuteScalar()
            : session.Command("UPDATE customers SET document = $document, merged_into = $mergedInto, etag = (SELECT last + 1 FROM etag_counter) WHERE key = $key AND etag = $expected RETURNING etag")
                .Bind("$key", key.Value).Bind("$document", document).Bind("$mergedInto", mergedInto).Bind("$expected", expected.Value)
                .ExecuteScalar();
        if (written is not long etag) return null;
        session.Command("UPDATE etag_counter SET last = last + 1").ExecuteNonQuery();
        return etag;
    }

    static string Tag(long etag) => etag.ToString(CultureInfo.InvariantCulture);
}
