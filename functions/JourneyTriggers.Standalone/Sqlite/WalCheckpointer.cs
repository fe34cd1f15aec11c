namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// Copies a WAL file's committed pages into its database from a connection and a thread of its own, so that the writer
/// does not: a checkpoint syncs the files, and on the inbox's writer that sync stalled every acknowledgement queued
/// behind it (p99 at 25,000 events/s 42–53 ms with the writer checkpointing, 28–33 ms without; docs/performance.md,
/// session 12). PASSIVE: it never waits for the writer or a reader, and copies only what no reader still needs, so a
/// round that finds them busy just comes again. The writer's own automatic checkpoint stays on as a backstop, at a
/// larger size, in case this one falls behind.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    readonly SqliteSession session;
    readonly TimeSpan interval;
    readonly CancellationTokenSource stop = new();
    readonly Thread thread;

    public WalCheckpointer(string connectionString, string synchronousPragma, TimeSpan interval)
    {
        // The checkpoint syncs as this connection's synchronous setting says: the same as the writer's.
        session = SqliteSession.Open(connectionString, synchronousPragma);
        this.interval = interval;
        thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoint" };
        thread.Start();
    }

    void Run()
    {
        while (!stop.Token.WaitHandle.WaitOne(interval))
        {
            try
            {
                using var result = session.Command("PRAGMA wal_checkpoint(PASSIVE)").ExecuteReader();
                while (result.Read()) { }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Busy (the writer's backstop is checkpointing) or a failing disk, which the writer meets and reports on its
                // own writes: the next round tries again, and the backstop checkpoints should this one never succeed.
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        session.Dispose();
        stop.Dispose();
    }
}
