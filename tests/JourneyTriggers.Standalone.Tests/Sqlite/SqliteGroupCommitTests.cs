using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

/// <summary>
/// Writes that queue behind a running transaction are committed together, each in its own savepoint:
/// a write that throws leaves nothing and fails alone, the others commit, and every write sees the
/// ones queued before it.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly SqliteDatabase database;

    public SqliteGroupCommitTests()
    {
        database = SqliteDatabase.Open(data.Path);
        database.WriteAsync(session => session.Command("CREATE TABLE probe (n INTEGER NOT NULL)").ExecuteNonQuery(), CancellationToken.None).Wait();
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task Queued_writes_commit_together_and_a_failing_one_is_rolled_back_alone()
    {
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // The first write holds the writer, so that the next ones queue up behind it.
        var first = Task.Run(() => database.WriteAsync(session =>
        {
            Insert(session, 0);
            holding.Set();
            release.Wait();
            return 0;
        }, CancellationToken.None));
        holding.Wait();

        var queued = new List<Task<long>>();
        for (var n = 1; n <= 20; n++)
        {
            var value = n;
            queued.Add(database.WriteAsync(session =>
            {
                Insert(session, value);
                if (value == 7) throw new InvalidOperationException("write 7 fails");
                // Each sees what the writes queued before it left (write 7 left nothing).
                return (long)session.Command("SELECT count(*) FROM probe").ExecuteScalar()!;
            }, CancellationToken.None));
        }
        release.Set();
        await first;

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => queued[6]);
        Assert.Equal("write 7 fails", failed.Message);
        for (var n = 1; n <= 20; n++)
            if (n != 7) Assert.Equal(n < 7 ? n + 1 : n, await queued[n - 1]);

        var rows = await database.WriteAsync(session => (long)session.Command("SELECT count(*) FROM probe").ExecuteScalar()!, CancellationToken.None);
        var sevens = await database.WriteAsync(session => (long)session.Command("SELECT count(*) FROM probe WHERE n = 7").ExecuteScalar()!, CancellationToken.None);
        Assert.Equal(20, rows);
        Assert.Equal(0, sevens);
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_never_runs()
    {
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => database.WriteAsync(session =>
        {
            holding.Set();
            release.Wait();
            return 0;
        }, CancellationToken.None));
        holding.Wait();

        using var cancel = new CancellationTokenSource();
        var cancelled = database.WriteAsync(session => Insert(session, 1), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.Set();
        await first;

        Assert.Equal(0L, await database.WriteAsync(session => (long)session.Command("SELECT count(*) FROM probe").ExecuteScalar()!, CancellationToken.None));
    }

    static int Insert(SqliteSession session, int value) =>
        session.Command("INSERT INTO probe (n) VALUES ($n)").Bind("$n", value).ExecuteNonQuery();
}
