using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

public sealed class CommitDurabilityTests : IDisposable
{
    readonly TempDirectory data = new();

    public void Dispose() => data.Dispose();

    /// <summary>PRAGMA synchronous belongs to the connection, not the file: the writer's is what commits obey (1 NORMAL, 2 FULL).</summary>
    static Task<long> WriterSynchronous(SqliteDatabase database) =>
        database.WriteAsync(session => (long)session.Command("PRAGMA synchronous").ExecuteScalar()!, CancellationToken.None);

    [Fact]
    public async Task By_default_a_commit_survives_the_process_being_killed_and_is_not_waited_on_disk()
    {
        using var database = SqliteDatabase.Open(data.Path);

        Assert.Equal(1L, await WriterSynchronous(database));
    }

    [Fact]
    public async Task Asked_to_survive_a_power_cut_every_file_waits_for_the_disk_at_each_commit_the_inbox_included()
    {
        using var database = SqliteDatabase.Open(data.Path, CommitDurability.PowerLoss);
        var time = new FakeTimeProvider();
        using var inbox = new SqliteInbox(new Application.Processing.HostClock(time), time,
            new StandaloneOptions { DataDirectory = data.Path, Durability = CommitDurability.PowerLoss });

        Assert.Equal(2L, await WriterSynchronous(database));
        Assert.Equal(2L, await WriterSynchronous(inbox.Database));
    }
}
