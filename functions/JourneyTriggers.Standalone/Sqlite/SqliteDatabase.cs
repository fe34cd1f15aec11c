using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// A SQLite file of a standalone host: <c>{dataDirectory}/journeytriggers.db</c> (everything but the inbox),
/// or the inbox's own <c>inbox.db</c>. SQLite lets one
/// connection write at a time, so every write goes through one connection behind an async lock; reads
/// use a small pool of their own connections, which WAL lets run beside the writer. Connections keep
/// their prepared statements, so a hot path parses its SQL once.
/// <para>
/// Writes are group-committed: the writes that queue up while another transaction runs are run next,
/// in arrival order, in one transaction, each inside its own savepoint. A write that throws is rolled
/// back to its savepoint alone (as its own transaction was before); every write still sees all the
/// writes queued before it, and none completes before the transaction holding it has committed.
/// </para>
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    public const string FileName = "journeytriggers.db";

    /// <summary>
    /// Idle read connections kept open; a burst beyond this opens and closes extra ones. As many as the pumps
    /// read at once (32 customers each): opening a connection, and dropping its page cache on close, cost more than the read.
    /// </summary>
    const int MaxIdleReaders = 64;

    /// <summary>Writes committed together at most, so one commit never holds a queue of them back for long.</summary>
    const int MaxWritesPerCommit = 256;

    /// <summary>Waits this long for another process's lock before SQLite reports the file busy.</summary>
    const string BusyTimeout = "PRAGMA busy_timeout = 5000";

    readonly string connectionString;
    readonly SqliteSession writer;
    readonly SemaphoreSlim writeGate = new(1, 1);
    readonly Queue<PendingWrite> pending = new();
    readonly ConcurrentBag<SqliteSession> idleReaders = [];
    WalCheckpointer? checkpointer;
    int disposed;

    SqliteDatabase(string path, string connectionString, SqliteSession writer)
    {
        Path = path;
        this.connectionString = connectionString;
        this.writer = writer;
    }

    public string Path { get; }

    /// <summary>The schema version the file is at once opened (<see cref="SchemaMigrations"/>).</summary>
    public int SchemaVersion { get; private init; }

    /// <summary>Opens (creating if needed) the database in <paramref name="dataDirectory"/> and brings its schema up to date.</summary>
    public static SqliteDatabase Open(string dataDirectory, CommitDurability durability = CommitDurability.ProcessCrash) =>
        Open(dataDirectory, FileName, SchemaMigrations.Main, RewrittenPagesBackstop, durability, RewrittenPagesCheckpointInterval);

    /// <summary>
    /// For a file whose pages are written again and again (customer documents, every batch): a <see cref="WalCheckpointer"/>
    /// copies them into the file once a second, so a page saved many times in that second is copied once, and off the
    /// writer. When the writer checkpointed itself (every 25,000 pages, about once a second at 30,000 events/s), each
    /// checkpoint synced ~100 MB while the pump's saves waited (docs/performance.md, session 12). The writer's own
    /// checkpoint stays as a backstop at 50,000 pages.
    /// </summary>
    const int RewrittenPagesBackstop = 50_000;

    static readonly TimeSpan RewrittenPagesCheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// For a file whose pages are appended and whose writer answers requests (the inbox): a <see cref="WalCheckpointer"/>
    /// copies its pages into the file every <see cref="AppendedPagesCheckpointInterval"/>, off the writer, which
    /// checkpoints itself only past this many pages.
    /// </summary>
    internal const int AppendedPagesBackstop = 10_000;

    internal static readonly TimeSpan AppendedPagesCheckpointInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Another file of the data folder, with its own schema and its own writer, which checkpoints the WAL past
    /// <paramref name="walPagesPerCheckpoint"/> pages; with <paramref name="checkpointEvery"/>, a checkpointer of its own
    /// does so that often besides.
    /// </summary>
    internal static SqliteDatabase Open(string dataDirectory, string fileName, SchemaMigrations schema, int walPagesPerCheckpoint,
        CommitDurability durability = CommitDurability.ProcessCrash, TimeSpan? checkpointEvery = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, fileName);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Our own pool below keeps connections with their prepared statements; closing must really close.
            Pooling = false,
            // Seconds Microsoft.Data.Sqlite keeps retrying a statement that finds the file locked.
            DefaultTimeout = 5,
        }.ToString();
        // WAL: readers never block the writer. synchronous: see CommitDurability.
        // temp_store: each group-committed write runs in a savepoint, whose journal then stays in memory rather than
        // in a temporary file. wal_autocheckpoint: see RewrittenPagesBackstop and AppendedPagesBackstop.
        var synchronous = durability == CommitDurability.PowerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        // secure_delete: what a row held is zeroed when it is deleted or rewritten, overflow pages included, so a consumed
        // inbox event or a document's earlier version does not linger in the file's free pages, where an erasure could not
        // reach it. No cost that stood out of the noise in ingest-stages (docs/performance.md, session 21).
        var writer = SqliteSession.Open(connectionString, "PRAGMA journal_mode = WAL", synchronous, BusyTimeout,
            "PRAGMA temp_store = MEMORY", $"PRAGMA wal_autocheckpoint = {walPagesPerCheckpoint}", "PRAGMA secure_delete = ON");
        try
        {
            var version = schema.Apply(writer);
            return new SqliteDatabase(path, connectionString, writer)
            {
                SchemaVersion = version,
                checkpointer = checkpointEvery is { } interval ? new WalCheckpointer(connectionString, synchronous, interval) : null,
            };
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// After an erasure: the WAL still holds the pages as they were before it, until SQLite writes over them. Copies
    /// everything into the file and empties the WAL, from a connection of its own (a checkpoint cannot run inside the
    /// writer's transactions), waiting for the writer as the busy timeout allows. False when it could not finish (a
    /// reader on an old snapshot); the frames are then written over as the WAL is reused.
    /// </summary>
    internal async Task<bool> EmptyWalAsync()
    {
        // A checkpoint already running (the checkpointer's, once a second) makes this one give up at once, busy handler
        // or not: so a few more tries, a moment apart.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await Task.Run(TryEmptyWal)) return true;
            await Task.Delay(50);
        }
        return false;
    }

    bool TryEmptyWal()
    {
        try
        {
            using var session = SqliteSession.Open(connectionString, BusyTimeout);
            using var result = session.Command("PRAGMA wal_checkpoint(TRUNCATE)").ExecuteReader();
            return result.Read() && result.GetInt32(0) == 0 && result.GetInt32(1) == 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer connection inside one immediate transaction, committed
    /// when it returns and rolled back when it throws. Writes queue here one after the other.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var write = new PendingWrite<T>(work);
        lock (pending) pending.Enqueue(write);
        try
        {
            await writeGate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancelled before any transaction took it: it never runs, as before. Already taken into
            // another caller's transaction, it has run or will: its outcome is the caller's answer.
            if (write.TryClaim()) throw;
            return await write.Task;
        }
        try
        {
            // Our write may already be done: whoever held the gate took it along with theirs.
            if (!write.Task.IsCompleted) CommitQueued();
        }
        finally
        {
            writeGate.Release();
        }
        return await write.Task;
    }

    /// <summary>Under the gate: runs what is queued (ours among it) in one transaction; a write alone runs as before.</summary>
    void CommitQueued()
    {
        var batch = new List<PendingWrite>();
        lock (pending)
        {
            while (batch.Count < MaxWritesPerCommit && pending.TryDequeue(out var next))
                if (next.TryClaim()) batch.Add(next);
        }
        if (batch.Count == 0) return;
        if (disposed != 0)
        {
            foreach (var write in batch) write.Fail(new ObjectDisposedException(GetType().FullName));
            return;
        }
        if (batch.Count == 1)
        {
            batch[0].RunAlone(writer);
            return;
        }
        try
        {
            writer.InTransaction(session =>
            {
                foreach (var write in batch) write.RunInSavepoint(session);
                return true;
            });
        }
        catch (Exception e)
        {
            // Nothing of the transaction is committed: every write in it fails, none is reported done.
            foreach (var write in batch) write.Fail(e);
            return;
        }
        foreach (var write in batch) write.Publish();
    }

    /// <summary>Runs <paramref name="work"/> on a read connection of the pool; each statement sees the last commit.</summary>
    internal Task WriteAsync(Action<SqliteSession> work, CancellationToken cancellationToken) =>
        WriteAsync(session => { work(session); return true; }, cancellationToken);

    internal T Read<T>(Func<SqliteSession, T> work)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var session = idleReaders.TryTake(out var idle) ? idle : SqliteSession.Open(connectionString, BusyTimeout);
        try
        {
            return work(session);
        }
        finally
        {
            if (disposed != 0 || idleReaders.Count >= MaxIdleReaders) session.Dispose();
            else idleReaders.Add(session);
        }
    }

    /// <summary>A write waiting for the writer; whoever takes it (a transaction, or its cancelled caller) claims it first.</summary>
    abstract class PendingWrite
    {
        int claimed;

        public bool TryClaim() => Interlocked.Exchange(ref claimed, 1) == 0;

        /// <summary>In its own transaction, exactly as before group commit; completes at once.</summary>
        public abstract void RunAlone(SqliteSession session);

        /// <summary>Inside the shared transaction; its outcome is kept until <see cref="Publish"/> after the commit.</summary>
        public abstract void RunInSavepoint(SqliteSession session);

        public abstract void Publish();

        public abstract void Fail(Exception exception);
    }

    sealed class PendingWrite<T>(Func<SqliteSession, T> work) : PendingWrite
    {
        readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        T? result;
        Exception? failure;

        public Task<T> Task => completion.Task;

        public override void RunAlone(SqliteSession session)
        {
            try
            {
                completion.SetResult(session.InTransaction(work));
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        }

        public override void RunInSavepoint(SqliteSession session)
        {
            // Throws only when the savepoint itself cannot be rolled back: then the whole transaction fails.
            if (!session.InSavepoint(work, out result, out failure)) throw failure!;
        }

        public override void Publish()
        {
            if (failure is null) completion.SetResult(result!);
            else completion.SetException(failure);
        }

        public override void Fail(Exception exception) => completion.TrySetException(exception);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        checkpointer?.Dispose();
        // A write in progress finishes its transaction before the connection closes.
        writeGate.Wait();
        writer.Dispose();
        while (idleReaders.TryTake(out var reader)) reader.Dispose();
        writeGate.Dispose();
    }
}
