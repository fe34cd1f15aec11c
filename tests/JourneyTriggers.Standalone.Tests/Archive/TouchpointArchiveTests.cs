using System.Text;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Archive;

public sealed class TouchpointArchiveTests : IDisposable
{
    static readonly Instant Start = Instant.FromUtc(2026, 10, 1, 0, 0);

    readonly TempDirectory data = new();
    readonly TouchpointArchive archive;

    public TouchpointArchiveTests() => archive = new TouchpointArchive(new StandaloneOptions { DataDirectory = data.Path });

    public void Dispose()
    {
        archive.Dispose();
        data.Dispose();
    }

    /// <summary>A touchpoint whose JSON names its seq, received <paramref name="minutes"/> after <see cref="Start"/>.</summary>
    static ArchivedTouchpoint Kept(long seq, int minutes, string customer = "c-ann") =>
        new(seq, Start.Plus(Duration.FromMinutes(minutes)).ToUnixTimeTicks(), ProfileKey.ForCustomer(customer).Value,
            Encoding.UTF8.GetBytes($$"""{"id":"e-{{seq}}"}"""));

    Task<List<string>> ReadAsync(Instant? from = null, Instant? to = null, params ProfileKey[] profiles) =>
        ArchivedLines.ReadAsync(archive, from, to, profiles);

    static List<string> Ids(params long[] seqs) => [.. seqs.Select(s => $$"""{"id":"e-{{s}}"}""")];

    static Instant At(int minutes) => Start.Plus(Duration.FromMinutes(minutes));

    [Fact]
    public async Task Touchpoints_read_back_in_seq_order_and_keeping_a_batch_again_changes_nothing()
    {
        await archive.KeepAsync([Kept(3, 2), Kept(1, 0), Kept(2, 1)], CancellationToken.None);
        // A batch decided again after a restart: the same seqs, kept once.
        await archive.KeepAsync([Kept(2, 1), Kept(3, 2), Kept(4, 3)], CancellationToken.None);

        Assert.Equal(Ids(1, 2, 3, 4), await ReadAsync());
    }

    [Fact]
    public async Task A_range_is_cut_by_arrival_and_consecutive_ranges_neither_overlap_nor_leave_a_gap()
    {
        // Seqs 3 and 4 were acknowledged in the other order than they were received: arrival instants only roughly follow seqs.
        await archive.KeepAsync([Kept(1, 0), Kept(2, 10), Kept(3, 21), Kept(4, 19), Kept(5, 30), Kept(6, 40)], CancellationToken.None);

        Assert.Equal(Ids(2, 3, 4, 5), await ReadAsync(At(10), At(40)));
        // The first received at or after 19 minutes is seq 4: seq 3, received later but acknowledged before it, stays on the earlier side.
        Assert.Equal(Ids(4, 5, 6), await ReadAsync(At(19)));
        Assert.Equal(Ids(1, 2, 3), await ReadAsync(to: At(19)));

        // Wherever the cut falls, the two halves add up to the whole, in order.
        for (var cut = -1; cut <= 41; cut++)
        {
            var halves = (await ReadAsync(to: At(cut))).Concat(await ReadAsync(At(cut)));
            Assert.Equal(Ids(1, 2, 3, 4, 5, 6), halves);
        }
    }

    [Fact]
    public async Task Touchpoints_kept_while_a_range_streams_are_not_in_it()
    {
        var count = TouchpointArchive.RowsPerRead + 10;
        await archive.KeepAsync([.. Enumerable.Range(1, count).Select(i => Kept(i, i))], CancellationToken.None);

        var read = 0;
        await foreach (var _ in archive.ReadAsync(null, null))
            // The pump goes on keeping (a batch after each touchpoint read) while a slow client streams an open-ended range.
            if (++read <= 3) await archive.KeepAsync([Kept(count + read, count + read)], CancellationToken.None);

        Assert.Equal(count, read);
        Assert.Equal(count + 3, (await ReadAsync()).Count);
    }

    [Fact]
    public async Task A_range_with_nothing_received_in_it_is_empty()
    {
        await archive.KeepAsync([Kept(1, 0), Kept(2, 10)], CancellationToken.None);

        Assert.Empty(await ReadAsync(At(11)));
        Assert.Empty(await ReadAsync(to: At(0)));
        Assert.Empty(await ReadAsync(At(1), At(5)));
    }

    [Fact]
    public async Task A_range_longer_than_a_read_streams_every_touchpoint_in_order()
    {
        var count = TouchpointArchive.RowsPerRead * 2 + 17;
        await archive.KeepAsync([.. Enumerable.Range(1, count).Select(i => Kept(i, i))], CancellationToken.None);

        Assert.Equal(Ids([.. Enumerable.Range(1, count).Select(i => (long)i)]), await ReadAsync());
        Assert.Equal(Ids([.. Enumerable.Range(5, count - 5).Select(i => (long)i)]), await ReadAsync(At(5), At(count)));
    }

    [Fact]
    public async Task One_profiles_touchpoints_read_back_alone_in_order_within_the_range_and_across_reads()
    {
        var count = TouchpointArchive.RowsPerRead + 5;
        // Ann every third touchpoint, Bob the others, and one anonymous visitor whose id is Ann's.
        await archive.KeepAsync([.. Enumerable.Range(1, count * 3).Select(i => Kept(i, i, i % 3 == 0 ? "c-ann" : "c-bob"))], CancellationToken.None);
        await archive.KeepAsync([new ArchivedTouchpoint(count * 3 + 1, At(count * 3 + 1).ToUnixTimeTicks(), ProfileKey.ForAnonymous("c-ann").Value, "{}"u8.ToArray())],
            CancellationToken.None);
        var ann = ProfileKey.ForCustomer("c-ann");

        Assert.Equal(Ids([.. Enumerable.Range(1, count).Select(i => (long)i * 3)]), await ReadAsync(null, null, ann));
        Assert.Equal(Ids(30, 33), await ReadAsync(At(28), At(34), ann));
        Assert.Equal(["{}"], await ReadAsync(null, null, ProfileKey.ForAnonymous("c-ann")));
        Assert.Equal([.. Ids([.. Enumerable.Range(1, count).Select(i => (long)i * 3)]), "{}"], await ReadAsync(null, null, ann, ProfileKey.ForAnonymous("c-ann")));
        Assert.Empty(await ReadAsync(null, null, ProfileKey.ForCustomer("c-nobody")));
    }

    [Fact]
    public async Task Erasure_removes_the_profiles_touchpoints_and_no_one_elses()
    {
        await archive.KeepAsync([Kept(1, 0, "c-ann"), Kept(2, 1, "c-bob"), Kept(3, 2, "c-ann")], CancellationToken.None);

        Assert.Equal(2, await archive.EraseAsync(ProfileKey.ForCustomer("c-ann"), CancellationToken.None));
        Assert.Equal(0, await archive.EraseAsync(ProfileKey.ForCustomer("c-ann"), CancellationToken.None));

        Assert.Equal(Ids(2), await ReadAsync());
    }

    [Fact]
    public async Task The_archive_survives_a_restart()
    {
        await archive.KeepAsync([Kept(1, 0), Kept(2, 1)], CancellationToken.None);
        archive.Dispose();

        using var reopened = new TouchpointArchive(new StandaloneOptions { DataDirectory = data.Path });
        Assert.Equal(Ids(1, 2), await ArchivedLines.ReadAsync(reopened));
    }
}
