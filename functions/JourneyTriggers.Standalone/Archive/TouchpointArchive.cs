using System.Runtime.CompilerServices;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Archive;

/// <summary>
/// Every touchpoint the inbox pump decided, kept in <c>archive.db</c> (<see cref="ArchiveSchema"/>) when the operator
/// turns it on (<see cref="StandaloneOptions.ArchiveTouchpoints"/>): the traffic <c>simulate</c> replays through a new
/// configuration. It holds raw events, so it is erased with the customer and swept after
/// <see cref="StandaloneOptions.Retention"/> like the effect log.
/// </summary>
public sealed class TouchpointArchive : ITouchpointArchive, IDisposable
{
    /// <summary>
    /// Touchpoints per read while streaming a range: each page is its own short read, so a month's export never holds one
    /// read open for minutes (which would keep the file's write-ahead log from being checkpointed all that time).
    /// </summary>
    internal const int RowsPerRead = 1_000;

    readonly SqliteDatabase database;

    public TouchpointArchive(StandaloneOptions options) =>
        database = SqliteDatabase.Open(options.DataDirectory, ArchiveSchema.FileName, ArchiveSchema.Migrations, SqliteDatabase.AppendedPagesBackstop,
            options.Durability, SqliteDatabase.AppendedPagesCheckpointInterval);

    /// <summary>The archive's own file, for the retention sweep.</summary>
    internal SqliteDatabase Database => database;

    /// <summary>Keeps a batch about to be decided; the pump calls it before the batch leaves the inbox, so a crash in between keeps it again.</summary>
    internal Task KeepAsync(IReadOnlyList<ArchivedTouchpoint> batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? Task.CompletedTask : database.WriteAsync(session => ArchiveTable.Keep(session, batch), cancellationToken);

    /// <summary>Forgets touchpoints kept and then not decided (the pump keeps them as dead letters).</summary>
    internal Task ForgetAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken) =>
        database.WriteAsync(session => ArchiveTable.Forget(session, seqs), cancellationToken);

    /// <summary>The last inbox seq kept (0 for none): the inbox never hands out one at or below it again.</summary>
    internal long LastSeq => database.Read(ArchiveTable.LastSeq);

    /// <summary>Erasure: every touchpoint of the profile; how many there were.</summary>
    internal async Task<int> EraseAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var erased = await database.WriteAsync(session => ArchiveTable.Erase(session, key), cancellationToken);
        await database.EmptyWalAsync();
        return erased;
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(Instant? from, Instant? to, IReadOnlyList<ProfileKey>? profiles = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Cut once, by seq, and never past what is kept now: touchpoints kept while the range streams are not in it (an
        // open-ended export ends, and one of October taken before November began holds no November).
        var (first, end, last) = database.Read(session => (
            from is { } start ? ArchiveTable.FirstReceivedAtOrAfter(session, start.ToUnixTimeTicks()) : 0,
            to is { } stop ? ArchiveTable.FirstReceivedAtOrAfter(session, stop.ToUnixTimeTicks()) : null,
            ArchiveTable.LastSeq(session)));
        if (first is not { } firstSeq) yield break;
        var after = firstSeq - 1;
        var before = end ?? last + 1;
        while (after < before)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = database.Read(session => profiles is not null
                ? ArchiveTable.PageOf(session, profiles, after, before, RowsPerRead)
                : ArchiveTable.Page(session, after, before, RowsPerRead));
            foreach (var (_, json) in page) yield return json;
            if (page.Count < RowsPerRead) yield break;
            after = page[^1].Seq;
            // SQLite reads block: between pages the export gives its thread back to the pool rather than hold one throughout.
            await Task.Yield();
        }
    }

    public void Dispose() => database.Dispose();
}
