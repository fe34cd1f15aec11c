using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Inbox;

public sealed class SqliteInboxTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    Shop shop;

    public SqliteInboxTests() => shop = new Shop(data.Path, time);

    public void Dispose()
    {
        shop.Dispose();
        data.Dispose();
    }

    internal static TouchpointReading Add(string customer, string eventId, Instant? at = null) =>
        new TouchpointReading.Accepted(new CartItemAdded(new TouchpointId(eventId), CustomerRef.Known(customer), at ?? Instant.FromUtc(2026, 11, 23, 9, 0),
            null, new ProductInfo("mug", "Mug", 350m, "THB", null, null), 1));

    static string[] Statuses(IngestReport report) => report.Results.Select(r => r.Status.ToString()).ToArray();

    [Fact]
    public async Task Acknowledged_touchpoints_are_in_the_inbox_file_when_the_answer_comes_and_survive_a_restart()
    {
        var report = await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2"), new TouchpointReading.Rejected("e-3", null, "timestamp: missing")]);

        Assert.Equal(["Accepted", "Accepted", "Rejected"], Statuses(report));
        Assert.Equal("timestamp: missing", report.Results[2].Reason);
        Assert.Equal(2, shop.Inbox.Backlog);

        shop.Dispose();
        shop = new Shop(data.Path, time);
        Assert.Equal(2, shop.Inbox.Backlog);
        // Nothing decides them here: a read waiting for them is answered once its wait runs out.
        var waiting = shop.Inbox.WaitDecidedAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(await waiting);
    }

    [Fact]
    public async Task A_large_request_is_queued_in_order_under_consecutive_numbers_as_handed_over_and_as_read_back_after_a_restart()
    {
        // 99 fresh events (one duplicate of c-3 among 100) and then 7: two rows, the duplicate in neither.
        var first = Enumerable.Range(0, 100).Select(i => Add($"c-{i % 7}", i == 52 ? "e-10" : $"e-{i}")).ToList();
        var second = Enumerable.Range(100, 7).Select(i => Add("c-ann", $"e-{i}")).ToList();
        var expected = first.Concat(second).Select(r => ((TouchpointReading.Accepted)r).Touchpoint.Id.Value).Where((id, i) => i != 52).ToList();

        Assert.Equal(99, (await shop.Inbox.ReceiveAsync(first)).Results.Count(r => r.Status == EventStatus.Accepted));
        await shop.Inbox.ReceiveAsync(second);

        var handed = shop.Inbox.Next(1_000);
        Assert.Equal(expected, handed.Select(q => q.Read!.Id.Value));
        Assert.Equal(Enumerable.Range(1, 106).Select(i => (long)i), handed.Select(q => q.Seq));

        shop.Dispose();
        shop = new Shop(data.Path, time);
        var read = shop.Inbox.Next(1_000);
        Assert.All(read, q => Assert.Null(q.Read));
        Assert.Equal(Enumerable.Range(1, 106).Select(i => (long)i), read.Select(q => q.Seq));
        Assert.Equal(expected, read.Select(q => ((TouchpointReading.Accepted)TouchpointNormaliser.ReadBody(q.Json, null).Single()).Touchpoint.Id.Value));
    }

    [Fact]
    public async Task An_id_the_customer_already_sent_is_a_duplicate_in_the_same_request_and_in_later_ones_but_not_for_another_customer()
    {
        var first = await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-ann", "e-1"), Add("c-bob", "e-1")]);
        var again = await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-1"), Add("c-ann", "e-2")]);

        Assert.Equal(["Accepted", "Duplicate", "Accepted"], Statuses(first));
        Assert.Equal(["Duplicate", "Duplicate", "Accepted"], Statuses(again));
        Assert.Equal(3, shop.Inbox.Backlog);
    }

    [Fact]
    public async Task A_full_inbox_refuses_the_whole_request_with_a_retry_hint_and_records_nothing_of_it()
    {
        using var other = new TempDirectory();
        using var small = new Shop(other.Path, time, inboxMaxBacklog: 2);
        await small.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-ann", "e-2")]);

        var refused = await Assert.ThrowsAsync<DestinationUnavailableException>(() => small.Inbox.ReceiveAsync([Add("c-bob", "e-3")]));

        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Contains("2 acknowledged events still to decide, at its limit of 2 (InboxMaxBacklog)", refused.Message);
        Assert.Equal(2, small.Inbox.Backlog);

        // Once the pump has made room, the same request is accepted: the refusal recorded none of its ids.
        using var pump = small.InboxPump(pollInterval: TimeSpan.FromMilliseconds(10));
        await pump.StartAsync(CancellationToken.None);
        Assert.True(await small.Inbox.WaitDecidedAsync(TimeSpan.FromSeconds(15)));
        await pump.StopAsync(CancellationToken.None);
        Assert.Equal(["Accepted"], Statuses(await small.Inbox.ReceiveAsync([Add("c-bob", "e-3")])));
    }

    [Fact]
    public async Task A_request_of_rejected_events_only_queues_nothing()
    {
        var report = await shop.Inbox.ReceiveAsync([new TouchpointReading.Rejected(null, null, "id: missing")]);

        Assert.Equal(["Rejected"], Statuses(report));
        Assert.Equal(0, shop.Inbox.Backlog);
        Assert.True(await shop.Inbox.WaitDecidedAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Erasing_a_customer_forgets_its_ids_so_they_are_accepted_again()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-1")]);

        Assert.Equal(1, await shop.Inbox.EraseAsync(ProfileKey.ForCustomer("c-ann"), CancellationToken.None));

        Assert.Equal(["Accepted", "Duplicate"], Statuses(await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-1")])));
    }

    [Fact]
    public async Task Acknowledged_ids_are_still_duplicates_after_a_restart_and_an_erasure_survives_one()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-1"), Add("c-ann", "e-2")]);
        Assert.Equal(2, await shop.Inbox.EraseAsync(ProfileKey.ForCustomer("c-ann"), CancellationToken.None));

        shop.Dispose();
        shop = new Shop(data.Path, time);

        Assert.Equal(1, shop.Inbox.AcceptedIdCount);
        Assert.Equal(["Accepted", "Duplicate", "Accepted"],
            Statuses(await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-1"), Add("c-ann", "e-2")])));
    }

    [Fact]
    public async Task A_request_whose_write_fails_leaves_its_ids_unremembered_so_the_retry_is_accepted()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data.Path, "inbox.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The touchpoint's own row cannot be written: the request fails after its ids were admitted.
            command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON inbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END";
            command.ExecuteNonQuery();
        }
        await Assert.ThrowsAnyAsync<Exception>(() => shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2")]));
        Assert.Equal(0, shop.Inbox.AcceptedIdCount);

        await shop.Inbox.Database.WriteAsync(session => session.Command("DROP TRIGGER refuse").ExecuteNonQuery(), CancellationToken.None);
        Assert.Equal(["Accepted", "Accepted"], Statuses(await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2")])));
        Assert.Equal(2, shop.Inbox.Backlog);
    }

    [Fact]
    public async Task Ids_older_than_the_window_are_forgotten_and_accepted_again_while_newer_ones_stay_duplicates()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-old")]);
        time.Advance(TimeSpan.FromHours(2));
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-new")]);

        Assert.Equal(1, await shop.Inbox.ForgetAcceptedBeforeAsync(Instant.FromDateTimeOffset(time.GetUtcNow()).Minus(Duration.FromHours(1)), CancellationToken.None));

        Assert.Equal(["Accepted", "Duplicate"], Statuses(await shop.Inbox.ReceiveAsync([Add("c-ann", "e-old"), Add("c-ann", "e-new")])));
        shop.Dispose();
        shop = new Shop(data.Path, time);
        Assert.Equal(["Duplicate", "Duplicate"], Statuses(await shop.Inbox.ReceiveAsync([Add("c-ann", "e-old"), Add("c-ann", "e-new")])));
    }

    [Fact]
    public void An_inbox_file_of_the_first_schema_upgrades_and_its_queued_touchpoints_stay_queued()
    {
        using var other = DataFolderWithInboxFile("""
            CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);
            CREATE TABLE inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, received_at_ticks INTEGER NOT NULL, touchpoint BLOB NOT NULL);
            CREATE TABLE accepted_ids (customer_key TEXT NOT NULL, event_id TEXT NOT NULL, at_ticks INTEGER NOT NULL,
                PRIMARY KEY (customer_key, event_id)) WITHOUT ROWID;
            CREATE INDEX accepted_ids_by_at ON accepted_ids (at_ticks);
            INSERT INTO inbox (received_at_ticks, touchpoint) VALUES (0, x'7b7d');
            INSERT INTO accepted_ids VALUES ('c-ann', 'e-1', 0);
            """);

        using var upgraded = new Shop(other.Path, time);

        Assert.Equal(3, upgraded.Inbox.Database.SchemaVersion);
        Assert.Equal(1, upgraded.Inbox.Backlog);
        Assert.Equal(0, upgraded.Inbox.AcceptedIdCount);
        Assert.Equal([(1L, "{}")], upgraded.Inbox.Next(10).Select(q => (q.Seq, System.Text.Encoding.UTF8.GetString(q.Json))));
    }

    [Fact]
    public async Task Touchpoints_queued_under_the_second_schema_stay_queued_under_their_numbers_and_new_ones_follow_them()
    {
        // Seqs 1-3 given, 1 decided and removed: 2 and 3 still queued.
        using var other = DataFolderWithInboxFile("""
            CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (2);
            CREATE TABLE inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, received_at_ticks INTEGER NOT NULL, touchpoint BLOB NOT NULL);
            CREATE TABLE accepted_ids (seq INTEGER PRIMARY KEY, at_ticks INTEGER NOT NULL, ids BLOB NOT NULL);
            INSERT INTO inbox (received_at_ticks, touchpoint) VALUES (5, x'7b2231227d'), (6, x'7b2232227d'), (7, x'7b2233227d');
            DELETE FROM inbox WHERE seq = 1;
            """);

        using var upgraded = new Shop(other.Path, time);

        Assert.Equal(3, upgraded.Inbox.Database.SchemaVersion);
        Assert.Equal(2, upgraded.Inbox.Backlog);
        Assert.Equal([(2L, 6L, "{\"2\"}"), (3L, 7L, "{\"3\"}")],
            upgraded.Inbox.Next(10).Select(q => (q.Seq, q.ReceivedAtTicks, System.Text.Encoding.UTF8.GetString(q.Json))));
        await upgraded.Inbox.ReceiveAsync([Add("c-ann", "e-4")]);
        Assert.Equal([2L, 3L, 4L], upgraded.Inbox.Next(10).Select(q => q.Seq));
    }

    [Fact]
    public async Task A_request_decided_in_part_stays_queued_and_after_a_restart_is_read_again_from_its_first_touchpoint()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-ann", "e-2")]);
        await shop.Inbox.ReceiveAsync([Add("c-bob", "e-3"), Add("c-bob", "e-4"), Add("c-bob", "e-5")]);
        // The pump decided through seq 4, the middle of the second request: only the first request's row can go.
        await shop.Inbox.Database.WriteAsync(session => InboxTable.Remove(session, 4), CancellationToken.None);

        shop.Dispose();
        shop = new Shop(data.Path, time);

        // Deciding e-3 and e-4 again is harmless: their customer's document knows their ids.
        Assert.Equal(3, shop.Inbox.Backlog);
        Assert.Equal([(3L, "e-3"), (4L, "e-4"), (5L, "e-5")], shop.Inbox.Next(10).Select(q => (q.Seq, IdOf(q))));
        Assert.Equal([(3L, "e-3")], shop.Inbox.Next(1).Select(q => (q.Seq, IdOf(q))));
    }

    [Fact]
    public async Task A_decided_event_leaves_no_readable_copy_in_the_inbox_file_once_its_customer_is_erased()
    {
        const string Marker = "erase-me-inbox-7f3a";
        var added = new CartItemAdded(new TouchpointId("e-marked"), CustomerRef.Known("c-ann"), Instant.FromUtc(2026, 11, 23, 9, 0), null,
            new ProductInfo("mug", Marker, 350m, "THB", null, null), 1);
        // Last of 61 in one request: its row is long enough to spill into overflow pages.
        var request = Enumerable.Range(0, 60).Select(i => Add("c-bob", $"e-bob-{i}")).Append(new TouchpointReading.Accepted(added)).ToList();
        await shop.Inbox.ReceiveAsync(request);
        // The pump decided them all and took their row away.
        await shop.Inbox.Database.WriteAsync(session => InboxTable.Remove(session, 61), CancellationToken.None);

        await shop.Inbox.EraseAsync(ProfileKey.ForCustomer("c-ann"), CancellationToken.None);

        Assert.Empty(await DatabaseFile.StillHolding(data.Path, InboxSchema.FileName, Marker));
    }

    [Fact]
    public async Task A_request_of_duplicates_only_takes_no_numbers()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1")]);
        Assert.Equal(["Duplicate"], Statuses(await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1")])));
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-2")]);

        Assert.Equal([1L, 2L], shop.Inbox.Next(10).Select(q => q.Seq));
        Assert.Equal(1L, shop.Inbox.Database.Read(s => (long)s.Command("SELECT COUNT(*) FROM inbox WHERE events = 1 AND last_seq = 2").ExecuteScalar()!));
    }

    [Fact]
    public async Task A_row_whose_lines_do_not_match_its_count_is_reported_as_damage_rather_than_read_wrongly()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-ann", "e-2")]);
        await shop.Inbox.Database.WriteAsync(session => session.Command("UPDATE inbox SET events = 3").ExecuteNonQuery(), CancellationToken.None);
        shop.Dispose();
        shop = new Shop(data.Path, time);

        var damaged = Assert.Throws<InvalidDataException>(() => shop.Inbox.Next(10));
        Assert.Equal("The inbox row ending at touchpoint 2 says it holds 3 touchpoints but has 2 lines; inbox.db is damaged.", damaged.Message);
    }

    /// <summary>A data folder whose inbox.db an earlier version left as <paramref name="sql"/> made it.</summary>
    static TempDirectory DataFolderWithInboxFile(string sql)
    {
        var folder = new TempDirectory();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.Path, "inbox.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return folder;
    }

    static string IdOf(QueuedTouchpoint queued) =>
        ((TouchpointReading.Accepted)TouchpointNormaliser.ReadBody(queued.Json, null).Single()).Touchpoint.Id.Value;
}
