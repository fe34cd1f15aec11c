using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

public sealed class WalCheckpointerTests : IDisposable
{
    readonly TempDirectory data = new();

    public void Dispose() => data.Dispose();

    static readonly SchemaMigrations Schema = new("CREATE TABLE pages (id INTEGER PRIMARY KEY, content BLOB NOT NULL);");

    static Task WritePagesAsync(SqliteDatabase database, int count) =>
        database.WriteAsync(session =>
        {
            for (var i = 0; i < count; i++) session.Command("INSERT INTO pages (content) VALUES (randomblob(4000))").ExecuteNonQuery();
        }, CancellationToken.None);

    [Fact]
    public async Task Committed_pages_reach_the_database_file_while_the_writer_stays_far_below_its_own_checkpoint()
    {
        // 50 pages against a writer that would checkpoint only past 10,000: while the file is open, only the
        // checkpointer can have copied them out of the WAL.
        using var database = SqliteDatabase.Open(data.Path, "pages.db", Schema, SqliteDatabase.AppendedPagesBackstop,
            checkpointEvery: TimeSpan.FromMilliseconds(20));
        await WritePagesAsync(database, 50);

        await AssertCheckpointedAsync("pages.db", 50);
    }

    [Fact]
    public async Task The_customers_file_is_checkpointed_in_the_background_as_well()
    {
        using var database = SqliteDatabase.Open(data.Path);
        await database.WriteAsync(session => session.Command("CREATE TABLE pages (id INTEGER PRIMARY KEY, content BLOB NOT NULL)").ExecuteNonQuery(),
            CancellationToken.None);
        await WritePagesAsync(database, 50);

        await AssertCheckpointedAsync(SqliteDatabase.FileName, 50);
    }

    [Fact]
    public async Task Without_a_checkpointer_the_pages_stay_in_the_WAL_until_the_writer_reaches_its_own_checkpoint()
    {
        using var database = SqliteDatabase.Open(data.Path, "pages.db", Schema, SqliteDatabase.AppendedPagesBackstop);
        await WritePagesAsync(database, 50);

        Assert.True(Length(new FileInfo(Path.Combine(data.Path, "pages.db"))) < 50 * 4000);
        Assert.True(Length(new FileInfo(Path.Combine(data.Path, "pages.db-wal"))) >= 50 * 4000);
    }

    [Fact]
    public async Task Closing_the_database_stops_the_checkpointer_and_what_was_written_reads_back()
    {
        var database = SqliteDatabase.Open(data.Path, "pages.db", Schema, SqliteDatabase.AppendedPagesBackstop,
            checkpointEvery: TimeSpan.FromMilliseconds(5));
        await WritePagesAsync(database, 10);
        database.Dispose();

        using var reopened = SqliteDatabase.Open(data.Path, "pages.db", Schema, SqliteDatabase.AppendedPagesBackstop);
        Assert.Equal(10L, reopened.Read(session => (long)session.Command("SELECT COUNT(*) FROM pages").ExecuteScalar()!));
    }

    /// <summary>Waits up to 15 s for the database file (not its WAL) to hold the pages written.</summary>
    async Task AssertCheckpointedAsync(string fileName, int pages)
    {
        var file = new FileInfo(Path.Combine(data.Path, fileName));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && Length(file) < pages * 4000) await Task.Delay(20);

        Assert.True(Length(file) >= pages * 4000, $"{fileName} is {Length(file)} bytes: the WAL was not checkpointed.");
    }

    static long Length(FileInfo file)
    {
        file.Refresh();
        return file.Exists ? file.Length : 0;
    }
}
