using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

public sealed partial class SqliteCustomerStoreTests : IDisposable
{
    static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");
    static readonly ProfileKey Bob = ProfileKey.ForCustomer("c-bob");

    readonly TempDirectory data = new();
    readonly SqliteDatabase database;
    readonly SqliteCustomerStore store;

    public SqliteCustomerStoreTests()
    {
        database = SqliteDatabase.Open(data.Path);
        store = new SqliteCustomerStore(database, new TimerSignal(), OutboxDestinations.OutboxOnly);
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task A_save_without_an_etag_only_creates()
    {
        Assert.Null(await store.FindAsync(Ann));

        Assert.True(await store.TrySaveAsync(Change(Ann, Version(1), null)));
        Assert.False(await store.TrySaveAsync(Change(Ann, Version(2), null)));

        var stored = await store.FindAsync(Ann);
        Assert.Equal(1, stored!.State.NextTimerToken);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_nothing_of_that_save_is_written()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));
        var first = (await store.FindAsync(Ann))!.ETag;
        Assert.True(await store.TrySaveAsync(Change(Ann, Version(2), first)));

        var stale = Change(Ann, Version(3), first,
            [Armed(Ann, 7, Now + Duration.FromHours(1)), Sent(Ann, "m-stale")],
            [Messages.Email("m-stale", Ann, Now)]);
        Assert.False(await store.TrySaveAsync(stale));

        var stored = await store.FindAsync(Ann);
        Assert.Equal(2, stored!.State.NextTimerToken);
        Assert.NotEqual(first, stored.ETag);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM timers"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM effects"));
    }

    [Fact]
    public async Task A_save_failing_midway_writes_nothing_at_all()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));
        var etag = (await store.FindAsync(Ann))!.ETag;
        // The effect log is written last: a failure there must undo the document, timer and message.
        DatabaseFile.Execute(data.Path, "CREATE TRIGGER refuse_effects BEFORE INSERT ON effects BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var change = Change(Ann, Version(2), etag, [Armed(Ann, 1, Now + Duration.FromHours(1)), Sent(Ann, "m-1")], [Messages.Email("m-1", Ann, Now)]);
        await Assert.ThrowsAsync<SqliteException>(() => store.TrySaveAsync(change));

        var stored = await store.FindAsync(Ann);
        Assert.Equal(1, stored!.State.NextTimerToken);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM timers"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task A_save_writes_its_timers_messages_and_effects_and_consumes_its_wake_up()
    {
        var due = Now + Duration.FromHours(1);
        await store.TrySaveAsync(Change(Ann, Version(1), null,
            [new JourneyEntered(Now, Ann.Owner, "abandoned_cart"), Armed(Ann, 1, due), Armed(Ann, 2, due + Duration.FromDays(1))], []));
        var etag = (await store.FindAsync(Ann))!.ETag;

        var fired = Change(Ann, Version(2), etag, [Sent(Ann, "m-1")], [Messages.Email("m-1", Ann, due)]) with
        {
            CompletedTimer = new TimerDue("abandoned_cart", new TimerToken(1), due),
        };
        Assert.True(await store.TrySaveAsync(fired));

        Assert.Equal(["2"], DatabaseFile.Column(data.Path, "SELECT token FROM timers ORDER BY id"));
        Assert.Equal(["delivered"], DatabaseFile.Column(data.Path, "SELECT status FROM outbox"));
        Assert.Equal(["journey.entered", "message.sent"], DatabaseFile.Column(data.Path, "SELECT type FROM effects ORDER BY seq"));
        var json = DatabaseFile.Column(data.Path, "SELECT json FROM effects WHERE type = 'message.sent'").Single();
        Assert.Equal("""{"at":"2026-11-22T10:00:00Z","type":"message.sent","customerId":"c-ann","trigger":"abandoned_cart","step":1,"channel":"email","template":"cart-reminder-1","messageId":"m-1"}""", json);
    }

    [Fact]
    public async Task A_message_id_is_stored_once_whatever_saves_repeat_it()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null, [], [Messages.Email("m-1", Ann, Now)]));
        var etag = (await store.FindAsync(Ann))!.ETag;
        var again = Messages.Email("m-1", Ann, Now + Duration.FromMinutes(5)) with { Template = "other" };

        Assert.True(await store.TrySaveAsync(Change(Ann, Version(2), etag, [], [again])));

        Assert.Equal(["cart-reminder-1"], DatabaseFile.Column(data.Path, "SELECT template FROM outbox WHERE message_id = 'm-1'"));
    }

    [Fact]
    public async Task With_smtp_emails_wait_as_pending_while_push_stays_delivered_in_the_outbox()
    {
        using var smtpStore = new SmtpStore(data.Path);
        await smtpStore.Store.TrySaveAsync(Change(Ann, Version(1), null, [], [Messages.Email("m-email", Ann, Now), Messages.Push("m-push", Ann, Now)]));

        Assert.Equal(["m-email pending", "m-push delivered"], DatabaseFile.Column(data.Path, "SELECT message_id || ' ' || status FROM outbox ORDER BY message_id"));
    }

    [Fact]
    public async Task Erasure_removes_everything_of_the_customer_only_and_counts_it()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null,
            [new JourneyEntered(Now, Ann.Owner, "abandoned_cart"), Armed(Ann, 1, Now), Armed(Ann, 2, Now), Sent(Ann, "m-ann")],
            [Messages.Email("m-ann", Ann, Now)]));
        await store.TrySaveAsync(Change(Bob, Version(1), null, [Armed(Bob, 1, Now), Sent(Bob, "m-bob")], [Messages.Email("m-bob", Bob, Now)]));

        var report = await store.EraseAsync(Ann);

        Assert.Equal(new Dictionary<string, int> { ["customer"] = 1, ["timers"] = 2, ["messages"] = 1, ["effects"] = 2, ["installationChanges"] = 0, ["acceptedEventIds"] = 0, ["archivedTouchpoints"] = 0 }, report.Removed);
        Assert.Null(await store.FindAsync(Ann));
        Assert.NotNull(await store.FindAsync(Bob));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM timers"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM effects"));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_customer_never_lose_one()
    {
        var updates = new CustomerUpdates(store, new FakeComposer());
        const int Writers = 40;

        // No CustomerLocks: every writer races every other, so only the ETag check keeps them honest.
        await Parallel.ForAsync(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            while (true)
            {
                try
                {
                    await updates.UpdateAsync(Ann, state => new Decision(state with { NextTimerToken = state.NextTimerToken + 1 }, []), null, ct);
                    return;
                }
                catch (CustomerContentionException)
                {
                    // Nothing was saved; the caller's retry is the contract.
                }
            }
        });

        Assert.Equal(1 + Writers, (await store.FindAsync(Ann))!.State.NextTimerToken);
    }

    [Fact]
    public async Task Erasure_leaves_nothing_of_the_customer_readable_in_the_files()
    {
        const string Marker = "erase-me-7f3a";
        // Long enough to spill the document into overflow pages, whose freeing the row's own zeroing would not reach.
        var profile = Version(1).Profile with { Email = Marker + "@example.test", FirstName = string.Concat(Enumerable.Repeat(Marker, 600)) };
        await store.TrySaveAsync(Change(Ann, Version(1) with { Profile = profile }, null,
            [Sent(Ann, "m-ann")], [Messages.Email("m-ann", Ann, Now, to: Marker + "@example.test")]));
        // A later, smaller version: the pages of the first were freed long before the erasure.
        var etag = (await store.FindAsync(Ann))!.ETag;
        await store.TrySaveAsync(Change(Ann, Version(2) with { Profile = profile with { FirstName = "Ann" } }, etag));
        await store.TrySaveAsync(Change(Bob, Version(1), null, [Sent(Bob, "m-bob")], [Messages.Email("m-bob", Bob, Now)]));

        await store.EraseAsync(Ann);

        Assert.Empty(await DatabaseFile.StillHolding(data.Path, "journeytriggers.db", Marker));
        Assert.NotNull(await store.FindAsync(Bob));
    }

    [Fact]
    public async Task Reopening_the_file_keeps_customers_and_never_reuses_an_etag()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));
        var before = (await store.FindAsync(Ann))!.ETag;
        await store.EraseAsync(Ann);
        database.Dispose();

        using var reopened = SqliteDatabase.Open(data.Path);
        var again = new SqliteCustomerStore(reopened, new TimerSignal(), OutboxDestinations.OutboxOnly);
        await again.TrySaveAsync(Change(Ann, Version(5), null));

        Assert.Equal(SchemaMigrations.Main.Latest, reopened.SchemaVersion);
        Assert.Equal(5, (await again.FindAsync(Ann))!.State.NextTimerToken);
        // Ann's old tag is not handed out again: a writer still holding it cannot overwrite the new Ann.
        Assert.False(await again.TrySaveAsync(Change(Ann, Version(6), before)));
    }

    [Fact]
    public async Task The_anonymous_profiles_merged_into_a_customer_are_found_by_it_also_in_a_file_written_before_the_column_existed()
    {
        var phone = ProfileKey.ForAnonymous("anon-phone");
        var laptop = ProfileKey.ForAnonymous("anon-laptop");
        var stranger = ProfileKey.ForAnonymous("anon-stranger");
        await store.TrySaveAsync(Change(phone, CustomerState.Tombstone(phone.Owner, "c-ann"), null));
        await store.TrySaveAsync(Change(laptop, CustomerState.New(laptop.Owner), null));
        await store.TrySaveAsync(Change(laptop, CustomerState.Tombstone(laptop.Owner, "c-ann"), (await store.FindAsync(laptop))!.ETag));
        await store.TrySaveAsync(Change(stranger, CustomerState.Tombstone(stranger.Owner, "c-bob"), null));
        await store.TrySaveAsync(Change(Ann, Version(1), null));

        Assert.Equal([laptop, phone], await store.MergedIntoAsync("c-ann"));
        Assert.Empty(await store.MergedIntoAsync("c-nobody"));

        // The same file as schema 5 left it: no merged_into column, the tombstones known only from their documents.
        database.Dispose();
        DatabaseFile.Execute(data.Path, """
            DROP INDEX customers_by_merged_into; ALTER TABLE customers DROP COLUMN merged_into;
            DELETE FROM schema_version; INSERT INTO schema_version VALUES (5);
            """);
        using var upgraded = SqliteDatabase.Open(data.Path);
        var again = new SqliteCustomerStore(upgraded, new TimerSignal(), OutboxDestinations.OutboxOnly);
        Assert.Equal([laptop, phone], await again.MergedIntoAsync("c-ann"));
        Assert.Equal([stranger], await again.MergedIntoAsync("c-bob"));
    }

    static CustomerState Version(long n) => CustomerState.New(CustomerRef.Known("c-ann")) with { NextTimerToken = n };

    static CustomerChange Change(ProfileKey key, CustomerState state, string? etag, IReadOnlyList<Effect>? effects = null, IReadOnlyList<OutboundMessage>? messages = null) =>
        new(key, state with { Identity = key.Owner }, etag, effects ?? [], messages ?? []);

    static ArmTimer Armed(ProfileKey key, long token, Instant due) => new(Now, key.Owner, "abandoned_cart", new TimerToken(token), due);

    static SendReminder Sent(ProfileKey key, string messageId) =>
        new(Now, key.Owner, new StepPath("abandoned_cart", 1, null, null), Channel.Email, "cart-reminder-1", messageId);

    long Count(string sql) => DatabaseFile.Count(data.Path, sql);

    /// <summary>A second store on the same file, configured for SMTP delivery.</summary>
    sealed class SmtpStore(string dataDirectory) : IDisposable
    {
        readonly SqliteDatabase database = SqliteDatabase.Open(dataDirectory);
        public SqliteCustomerStore Store => new(database, new TimerSignal(), new OutboxDestinations(Email: true, Push: false));
        public void Dispose() => database.Dispose();
    }
}
