using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// The one SQLite file of a standalone host, <c>{dataDirectory}/journeytriggers.db</c>. SQLite lets one
/// connection write at a time, so every write goes through one connection behind an async lock, as
/// one transaction; reads use a small pool of their own connections, which WAL lets run beside the
/// writer. Connections keep their prepared statements, so a hot path parses its SQL once.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    public const string FileName = "journeytriggers.db";

    /// <summary>Idle read connections kept open; a burst beyond this opens and closes extra ones.</summary>
    const int MaxIdleReaders = 8;

    /// <summary>Waits this long for another process's lock before SQLite reports the file busy.</summary>
    const string BusyTimeout = "PRAGMA busy_timeout = 5000";

    readonly string connectionString;
    readonly SqliteSession writer;
    readonly SemaphoreSlim writeGate = new(1, 1);
    readonly ConcurrentBag<SqliteSession> idleReaders = [];
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
    public static SqliteDatabase Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Our own pool below keeps connections with their prepared statements; closing must really close.
            Pooling = false,
            // Seconds Microsoft.Data.Sqlite keeps retrying a statement that finds the file locked.
            DefaultTimeout = 5,
        }.ToString();
        // WAL: readers never block the writer. synchronous=NORMAL: a commit survives the process
        // being killed (the WAL is in the OS's hands); only a power cut can lose the last commits.
        var writer = SqliteSession.Open(connectionString, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", BusyTimeout);
        try
        {
            var version = SchemaMigrations.Apply(writer);
            return new SqliteDatabase(path, connectionString, writer) { SchemaVersion = version };
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer connection inside one immediate transaction, committed
    /// when it returns and rolled back when it throws. Writes queue here one after the other.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed != 0, this);
            return writer.InTransaction(work);
        }
        finally
        {
            writeGate.Release();
        }
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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        // A write in progress finishes its transaction before the connection closes.
        writeGate.Wait();
        writer.Dispose();
        while (idleReaders.TryTake(out var reader)) reader.Dispose();
        writeGate.Dispose();
    }
}
