using System.Globalization;
using CsCheck;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

/// <summary>
/// The store's parsed documents: found from memory once saved or read. Rows changed behind the store's back
/// (through a connection of the test's own) show which answers came from memory and which from the file.
/// </summary>
public sealed partial class SqliteCustomerStoreTests
{
    static readonly ProfileKey Cat = ProfileKey.ForCustomer("c-cat");

    [Fact]
    public async Task A_saved_document_is_found_with_its_etag_without_reading_the_file()
    {
        Assert.True(await store.TrySaveAsync(Change(Ann, Version(1), null)));
        var etag = FileETag(Ann);

        ReplaceBehindTheStoresBack(Ann, 9, etag);

        var found = await store.FindAsync(Ann);
        Assert.Equal(1, found!.State.NextTimerToken);
        Assert.Equal(etag, found.ETag);
        // The row was changed: a store without the document in memory reads the new version.
        Assert.Equal(9, (await Store().FindAsync(Ann))!.State.NextTimerToken);
    }

    [Fact]
    public async Task A_document_read_once_is_found_again_without_reading_the_file()
    {
        await Store().TrySaveAsync(Change(Ann, Version(1), null));
        Assert.Equal(1, (await store.FindAsync(Ann))!.State.NextTimerToken);

        ReplaceBehindTheStoresBack(Ann, 9, FileETag(Ann));

        Assert.Equal(1, (await store.FindAsync(Ann))!.State.NextTimerToken);
    }

    [Fact]
    public async Task An_etag_conflict_evicts_so_the_next_find_reads_the_file()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));
        var first = FileETag(Ann);
        ReplaceBehindTheStoresBack(Ann, 7, "1000");

        Assert.False(await store.TrySaveAsync(Change(Ann, Version(2), first)));

        var found = await store.FindAsync(Ann);
        Assert.Equal(7, found!.State.NextTimerToken);
        Assert.Equal("1000", found.ETag);
    }

    [Fact]
    public async Task A_failed_save_evicts_so_the_next_find_reads_the_file()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));
        var etag = FileETag(Ann);
        ReplaceBehindTheStoresBack(Ann, 9, etag);
        DatabaseFile.Execute(data.Path, "CREATE TRIGGER refuse_effects BEFORE INSERT ON effects BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var change = Change(Ann, Version(2), etag) with { Effects = [new JourneyEntered(Now, Ann.Owner, "abandoned_cart")] };
        await Assert.ThrowsAsync<SqliteException>(() => store.TrySaveAsync(change));

        var found = await store.FindAsync(Ann);
        Assert.Equal(9, found!.State.NextTimerToken);
        Assert.Equal(etag, found.ETag);
    }

    [Fact]
    public async Task Without_a_cache_every_find_reads_the_file()
    {
        var uncached = Store(documentCacheBytes: 0);
        Assert.True(await uncached.TrySaveAsync(Change(Ann, Version(1), null)));

        ReplaceBehindTheStoresBack(Ann, 9, FileETag(Ann));

        Assert.Equal(9, (await uncached.FindAsync(Ann))!.State.NextTimerToken);
        Assert.Equal(0, uncached.Documents.Count);
    }

    [Fact]
    public async Task An_erasure_evicts()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));

        await store.EraseAsync(Ann);

        Assert.Null(await store.FindAsync(Ann));
        Assert.Equal(0, store.Documents.Count);
    }

    [Fact]
    public async Task A_save_replaces_the_cached_version_with_the_etag_the_write_returned()
    {
        await store.TrySaveAsync(Change(Ann, Version(1), null));
        var first = (await store.FindAsync(Ann))!.ETag;

        Assert.True(await store.TrySaveAsync(Change(Ann, Version(2), first)));

        var found = await store.FindAsync(Ann);
        Assert.Equal(2, found!.State.NextTimerToken);
        Assert.Equal(FileETag(Ann), found.ETag);
        Assert.NotEqual(first, found.ETag);
    }

    [Fact]
    public async Task The_size_bound_evicts_the_least_recently_used_customer_first()
    {
        // Room for two of these documents, not three.
        var size = CustomerDocument.Serialize(Change(Ann, Version(1), null).State).Length;
        var bounded = Store(documentCacheBytes: 2 * size + size / 2);
        foreach (var key in new[] { Ann, Bob }) await bounded.TrySaveAsync(Change(key, Version(1), null));
        await bounded.FindAsync(Ann); // Bob is now the least recently used
        await bounded.TrySaveAsync(Change(Cat, Version(1), null));
        foreach (var key in new[] { Ann, Bob, Cat }) ReplaceBehindTheStoresBack(key, 9, FileETag(key));

        Assert.Equal(1, (await bounded.FindAsync(Ann))!.State.NextTimerToken);
        Assert.Equal(1, (await bounded.FindAsync(Cat))!.State.NextTimerToken);
        Assert.Equal(9, (await bounded.FindAsync(Bob))!.State.NextTimerToken);
        Assert.True(bounded.Documents.Bytes <= 2 * size + size / 2);
    }

    [Fact]
    public async Task Concurrent_saves_finds_and_erasures_never_leave_an_older_version_cached()
    {
        ProfileKey[] keys = [Ann, Bob, Cat];
        // Each operation: which customer, and whether it is a save (most), a find, or an erasure.
        var operation = Gen.Select(Gen.Int[0, keys.Length - 1], Gen.Frequency((6, Gen.Const('s')), (3, Gen.Const('f')), (1, Gen.Const('e'))));
        await operation.Array[10, 60].SampleAsync(async operations =>
        {
            using var directory = new TempDirectory();
            using var file = SqliteDatabase.Open(directory.Path);
            var racing = new SqliteCustomerStore(file, new TimerSignal(), OutboxDestinations.OutboxOnly);
            var updates = new CustomerUpdates(racing, new FakeComposer());

            // No CustomerLocks: saves of one customer race each other and the erasures.
            await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (op, ct) =>
            {
                var key = keys[op.Item1];
                switch (op.Item2)
                {
                    case 's':
                        try
                        {
                            await updates.UpdateAsync(key, state => new Decision(state with { NextTimerToken = state.NextTimerToken + 1 }, []), null, ct);
                        }
                        catch (CustomerContentionException)
                        {
                            // Lost every race: nothing saved, which is allowed.
                        }
                        break;
                    case 'f':
                        await racing.FindAsync(key, ct);
                        break;
                    default:
                        await racing.EraseAsync(key, ct);
                        break;
                }
            });

            var fromFile = new SqliteCustomerStore(file, new TimerSignal(), OutboxDestinations.OutboxOnly);
            foreach (var key in keys)
            {
                if (!racing.Documents.TryGet(key, out var cached)) continue;
                var stored = await fromFile.FindAsync(key);
                Assert.NotNull(stored);
                Assert.Equal(stored.ETag, cached.ETag);
                Assert.Equal(stored.State.NextTimerToken, cached.State.NextTimerToken);
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task Two_decisions_from_one_cached_state_each_keep_exactly_their_own_ids()
    {
        var who = CustomerRef.Known("c-ann");
        var state = CustomerState.New(who);
        for (var i = 0; i < SeenTouchpoints.MaxIds; i++)
            state = Shop.Engine.Decide(state, Session(who, $"seen-{i}"), Now).State;
        Assert.True(await store.TrySaveAsync(new CustomerChange(Ann, state, null, [], [])));
        var cached = (await store.FindAsync(Ann))!.State;
        Assert.Same(state, cached);
        var before = cached.Seen.Ids;

        for (var round = 0; round < 20; round++)
        {
            var (x, y) = ($"x-{round}", $"y-{round}");
            using var start = new Barrier(2);
            var decisions = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return Shop.Engine.Decide(cached, Session(who, x), Now).State; }),
                Task.Run(() => { start.SignalAndWait(); return Shop.Engine.Decide(cached, Session(who, y), Now).State; }));

            // The oldest id makes room for the new one; nothing of the other decision leaks in.
            Assert.Equal([.. before.Skip(1).Select(s => s.Id), x], decisions[0].Seen.Ids.Select(s => s.Id));
            Assert.Equal([.. before.Skip(1).Select(s => s.Id), y], decisions[1].Seen.Ids.Select(s => s.Id));
            // ImmutableArray's own equality compares array references: compare the entries.
            Assert.Equal(before.ToArray(), cached.Seen.Ids.ToArray());
        }
    }

    SqliteCustomerStore Store(long documentCacheBytes = CustomerDocumentCache.DefaultCapacityBytes) =>
        new(database, new TimerSignal(), OutboxDestinations.OutboxOnly, documentCacheBytes: documentCacheBytes);

    static SessionStarted Session(CustomerRef who, string id) => new(new TouchpointId(id), who, Now, "web");

    string FileETag(ProfileKey key) =>
        DatabaseFile.Column(data.Path, $"SELECT etag FROM customers WHERE key = '{key.Value}'").Single()!;

    /// <summary>What only another writer could do: the row now holds <paramref name="version"/> under <paramref name="etag"/>.</summary>
    void ReplaceBehindTheStoresBack(ProfileKey key, long version, string etag) =>
        DatabaseFile.Execute(data.Path, "UPDATE customers SET document = $document, etag = $etag WHERE key = $key",
            ("$document", CustomerDocument.Serialize(Version(version) with { Identity = key.Owner })),
            ("$etag", long.Parse(etag, CultureInfo.InvariantCulture)), ("$key", key.Value));
}
