using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.Retention;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Retention;

public sealed class RetentionSweeperTests : IDisposable
{
    static readonly TimeSpan Retention = TimeSpan.FromDays(90);
    static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(Now);
    readonly SqliteDatabase database;

    public RetentionSweeperTests() => database = SqliteDatabase.Open(data.Path);

    [Fact]
    public async Task Decisions_older_than_the_retention_are_deleted_in_turns_and_the_younger_kept()
    {
        var old = RowsPerWrite * 2 + 500;
        LogDecisions(old, Now - Retention - TimeSpan.FromHours(1));
        LogDecisions(3, Now - Retention + TimeSpan.FromHours(1));

        var swept = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal(new RetentionSweep(old, 0, 0), swept);
        Assert.Equal(3, Count("SELECT COUNT(*) FROM effects"));
        Assert.Equal(3, Count($"SELECT COUNT(*) FROM effects WHERE at_ticks >= {Ticks(Now - Retention)}"));
    }

    [Fact]
    public async Task A_decision_is_kept_while_a_younger_one_logged_before_it_is()
    {
        LogDecisions(2, Now - Retention - TimeSpan.FromDays(2));
        LogDecisions(1, Now - Retention + TimeSpan.FromMinutes(5));
        LogDecisions(1, Now - Retention - TimeSpan.FromDays(1));

        Assert.Equal(new RetentionSweep(2, 0, 0), await Sweeper().SweepAsync(CancellationToken.None));
        Assert.Equal(2, Count("SELECT COUNT(*) FROM effects"));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new RetentionSweep(2, 0, 0), await Sweeper().SweepAsync(CancellationToken.None));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM effects"));
    }

    [Fact]
    public async Task Only_settled_messages_past_the_retention_leave_the_outbox()
    {
        var old = Now - Retention - TimeSpan.FromHours(1);
        Message("old-delivered", old, "delivered");
        Message("old-failed", old, "failed");
        Message("old-unknown", old, "unknown");
        Message("old-pending", old, "pending");
        Message("old-sending", old, "sending");
        Message("old-verdict-not-on-timeline", old, "delivered", outcomeRecorded: false);
        Message("young-delivered", Now - Retention + TimeSpan.FromHours(1), "delivered");

        var swept = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal(new RetentionSweep(0, 3, 0), swept);
        Assert.Equal(["old-pending", "old-sending", "old-verdict-not-on-timeline", "young-delivered"],
            DatabaseFile.Column(data.Path, "SELECT message_id FROM outbox ORDER BY message_id"));
    }

    [Fact]
    public async Task Many_old_messages_go_in_turns()
    {
        var old = RowsPerWrite + 7;
        for (var i = 0; i < old; i++) Message($"m-{i}", Now - Retention - TimeSpan.FromMinutes(i + 1), "delivered");

        Assert.Equal(new RetentionSweep(0, old, 0), await Sweeper().SweepAsync(CancellationToken.None));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task The_service_sweeps_at_start_up_and_again_each_interval()
    {
        LogDecisions(5, Now - Retention - TimeSpan.FromDays(1));
        var interval = TimeSpan.FromHours(1);
        using var sweeper = Sweeper(interval);
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.Holds(() => Count("SELECT COUNT(*) FROM effects") == 0, what: "the start-up sweep");

            // Young when logged; past the retention once the clock has moved two intervals on.
            LogDecisions(4, Now - Retention + TimeSpan.FromMinutes(30));
            time.Advance(interval);
            await Eventually.Holds(() => Count("SELECT COUNT(*) FROM effects") == 0, time, interval, "the next sweeps");
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_decision_that_ages_out_leaves_the_customer_and_their_timeline_as_they_were()
    {
        using var shop = new Shop(data.Path + "-shop", new FakeTimeProvider(Now - Retention - TimeSpan.FromDays(1)));
        try
        {
            await shop.AbandonCartAsync("c-1");
            var logged = Count("SELECT COUNT(*) FROM effects", shop.DataDirectory);
            Assert.True(logged > 0);
            var before = await shop.Store.FindAsync(ProfileKey.ForCustomer("c-1"));

            var swept = await new RetentionSweeper(shop.Database, Options(TimeSpan.FromHours(1)), time, NullLogger<RetentionSweeper>.Instance)
                .SweepAsync(CancellationToken.None);

            Assert.Equal(new RetentionSweep(logged, 0, 0), swept);
            var after = await shop.Store.FindAsync(ProfileKey.ForCustomer("c-1"));
            Assert.NotEmpty(before!.State.Timeline);
            Assert.Equal(before.State.Timeline, after!.State.Timeline);
        }
        finally
        {
            shop.Dispose();
            Directory.Delete(shop.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Archived_touchpoints_received_before_the_retention_are_deleted_in_turns_and_the_younger_kept()
    {
        using var archive = new TouchpointArchive(Options(TimeSpan.FromHours(1)));
        var old = RowsPerWrite + 3;
        var oldAt = Ticks(Now - Retention - TimeSpan.FromMinutes(1));
        var youngAt = Ticks(Now - Retention + TimeSpan.FromMinutes(1));
        await archive.KeepAsync([
            .. Enumerable.Range(1, old).Select(i => new ArchivedTouchpoint(i, oldAt, "c-1", "{}"u8.ToArray())),
            new ArchivedTouchpoint(old + 1, youngAt, "c-1", """{"id":"young"}"""u8.ToArray()),
        ], CancellationToken.None);

        var swept = await new RetentionSweeper(database, Options(TimeSpan.FromHours(1)), time, NullLogger<RetentionSweeper>.Instance, archive)
            .SweepAsync(CancellationToken.None);

        Assert.Equal(new RetentionSweep(0, 0, old), swept);
        Assert.Equal(["young"], await ArchivedLines.IdsAsync(archive));
    }

    const int RowsPerWrite = RetentionSweeper.RowsPerWrite;

    RetentionSweeper Sweeper(TimeSpan? interval = null) =>
        new(database, Options(interval ?? TimeSpan.FromHours(1)), time, NullLogger<RetentionSweeper>.Instance);

    StandaloneOptions Options(TimeSpan interval) =>
        new() { DataDirectory = data.Path, Retention = Retention, RetentionSweepInterval = interval };

    void LogDecisions(int count, DateTimeOffset at) => database.WriteAsync(session =>
    {
        for (var i = 0; i < count; i++)
            session.Command("INSERT INTO effects (at_ticks, customer_key, type, trigger, json) VALUES ($at, 'c:c-1', 'journey.entered', 'abandoned_cart', '{}')")
                .Bind("$at", Ticks(at)).ExecuteNonQuery();
    }, CancellationToken.None).GetAwaiter().GetResult();

    void Message(string id, DateTimeOffset at, string status, bool outcomeRecorded = true) => database.WriteAsync(session =>
        session.Command("""
            INSERT INTO outbox (message_id, customer_key, customer_id, channel, trigger, step, template, locale, at_ticks, status,
                                next_attempt_at_ticks, outcome_recorded)
            VALUES ($id, 'c:c-1', 'c-1', 'email', 'abandoned_cart', 1, 'cart-reminder-1', 'en-US', $at, $status, $at, $recorded)
            """).Bind("$id", id).Bind("$at", Ticks(at)).Bind("$status", status).Bind("$recorded", outcomeRecorded ? 1 : 0).ExecuteNonQuery(),
        CancellationToken.None).GetAwaiter().GetResult();

    long Count(string sql, string? directory = null) => DatabaseFile.Count(directory ?? data.Path, sql);

    static long Ticks(DateTimeOffset at) => Instant.FromDateTimeOffset(at).ToUnixTimeTicks();

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }
}
