using CsCheck;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

public sealed class CustomerDocumentCacheTests
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");
    static readonly ProfileKey Bob = ProfileKey.ForCustomer("c-bob");
    static readonly ProfileKey Cat = ProfileKey.ForCustomer("c-cat");

    [Fact]
    public void The_size_bound_evicts_the_least_recently_used_first()
    {
        var cache = new CustomerDocumentCache(capacityBytes: 100);
        Put(cache, Ann, 1, size: 40);
        Put(cache, Bob, 2, size: 40);
        Assert.True(cache.TryGet(Ann, out _)); // Ann is now the more recently used

        Put(cache, Cat, 3, size: 40);

        Assert.True(cache.TryGet(Ann, out _));
        Assert.False(cache.TryGet(Bob, out _));
        Assert.True(cache.TryGet(Cat, out _));
        Assert.Equal(80, cache.Bytes);
    }

    [Fact]
    public void Replacing_a_document_counts_its_new_size_once()
    {
        var cache = new CustomerDocumentCache(capacityBytes: 100);
        Put(cache, Ann, 1, size: 40);
        Put(cache, Ann, 2, size: 70);

        Assert.Equal(70, cache.Bytes);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_document_larger_than_the_whole_cache_is_not_kept()
    {
        var cache = new CustomerDocumentCache(capacityBytes: 100);
        Put(cache, Ann, 1, size: 40);
        Put(cache, Bob, 2, size: 101);

        Assert.False(cache.TryGet(Bob, out _));
        Assert.True(cache.TryGet(Ann, out _));
    }

    [Fact]
    public void A_cache_of_no_bytes_keeps_nothing()
    {
        var cache = new CustomerDocumentCache(capacityBytes: 0);
        Put(cache, Ann, 1, size: 0);
        cache.Evict(Bob);

        Assert.False(cache.TryGet(Ann, out _));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void An_older_etag_never_replaces_a_newer_one()
    {
        var cache = new CustomerDocumentCache();
        Put(cache, Ann, 7, size: 10);
        Put(cache, Ann, 5, size: 10);

        Assert.True(cache.TryGet(Ann, out var held));
        Assert.Equal("7", held.ETag);
    }

    [Fact]
    public void An_eviction_voids_what_was_begun_before_it()
    {
        var cache = new CustomerDocumentCache();
        // A read (or save) begins, the customer is erased, then the read's result arrives.
        var ticket = cache.Begin(Ann);
        cache.Evict(Ann);
        cache.Install(Ann, ticket, Stored(3), 3, 10);
        Assert.False(cache.TryGet(Ann, out _));

        // What begins after the eviction installs as usual.
        cache.Install(Ann, cache.Begin(Ann), Stored(4), 4, 10);
        Assert.True(cache.TryGet(Ann, out _));
    }

    [Fact]
    public void A_save_whose_install_is_void_voids_a_read_begun_before_it_lands()
    {
        var cache = new CustomerDocumentCache();
        // A save begins; another save of the customer conflicts and evicts; a read begins and reads version 2 from the
        // file; the first save commits version 4, but its ticket is void. Then the read's version 2 arrives.
        var save = cache.Begin(Ann);
        cache.Evict(Ann);
        var read = cache.Begin(Ann);
        cache.Install(Ann, save, Stored(4), 4, 10);
        cache.Install(Ann, read, Stored(2), 2, 10);

        // The file holds 4: answering 2 from memory would decide from a state older than the file.
        Assert.False(cache.TryGet(Ann, out _));
    }

    [Fact]
    public void A_version_trimmed_for_room_voids_a_read_begun_before_it()
    {
        var cache = new CustomerDocumentCache(capacityBytes: 100);
        // A read of Ann begins and reads version 2; a save installs version 4; Bob and Cat push Ann out for room.
        var read = cache.Begin(Ann);
        Put(cache, Ann, 4, size: 40);
        Put(cache, Bob, 5, size: 40);
        Put(cache, Cat, 6, size: 40);
        Assert.False(cache.TryGet(Ann, out _));

        cache.Install(Ann, read, Stored(2), 2, 40);

        Assert.False(cache.TryGet(Ann, out _));
    }

    [Fact]
    public void Installs_racing_in_any_order_leave_the_newest_etag()
    {
        Gen.Int[1, 10_000].Array[2, 64].Sample(etags =>
        {
            var cache = new CustomerDocumentCache();
            Parallel.ForEach(etags, new ParallelOptions { MaxDegreeOfParallelism = 4 }, etag =>
            {
                var ticket = cache.Begin(Ann);
                cache.Install(Ann, ticket, Stored(etag), etag, 10);
                Assert.True(cache.TryGet(Ann, out var held));
                Assert.True(long.Parse(held.ETag, System.Globalization.CultureInfo.InvariantCulture) >= etag);
            });
            Assert.True(cache.TryGet(Ann, out var last));
            Assert.Equal(etags.Max().ToString(System.Globalization.CultureInfo.InvariantCulture), last.ETag);
            Assert.Equal(10, cache.Bytes);
        }, iter: 200);
    }

    static void Put(CustomerDocumentCache cache, ProfileKey key, long etag, int size) =>
        cache.Install(key, cache.Begin(key), Stored(etag), etag, size);

    static StoredCustomer Stored(long etag) =>
        new(CustomerState.New(CustomerRef.Known("c-ann")), etag.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
