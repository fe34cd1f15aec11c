using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Azure.Tests.Cosmos;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Metrics;
using NodaTime;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Metrics;

/// <summary>
/// Tally blobs written create-only from any number of writers, folded per day into <c>summaries/{day}.json</c> by
/// whoever reads, and never counted twice: not on a retried write, not after a fold, not when folds race.
/// </summary>
[Collection(AzureServersCollection.Name)]
public sealed class BlobMetricsStoreTests(AzureServers servers)
{
    static readonly LocalDate Monday = new(2026, 11, 16);
    static readonly LocalDate Tuesday = Monday.PlusDays(1);
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    static MetricKey CartsStarted(LocalDate day) => new(day, MetricMeasure.CartStarted);

    static MetricsTally Started(params LocalDate[] days)
    {
        var builder = new MetricsTallyBuilder();
        foreach (var day in days) builder.Add(MetricFact.One(CartsStarted(day)));
        return builder.ToTally();
    }

    /// <summary>A saved change's tally blob for one day, named after the moment it was saved.</summary>
    static TallyBlob Saved(LocalDate day, int second) => Assert.Single(TallyBlob.For(Started(day), Now.Plus(Duration.FromSeconds(second))));

    static async Task<long> StartedOnAsync(Rig rig, LocalDate day) => (await rig.Metrics.ReadAsync(day, day))[CartsStarted(day)].Count;

    static BlobContainerClient Container(Rig rig) => rig.Blobs.GetBlobContainerClient(rig.Options.Storage.MetricsContainer);

    /// <summary>Every blob of the metrics container with its length: 0 marks a tally already folded into its day's summary.</summary>
    static async Task<Dictionary<string, long>> ListedAsync(Rig rig)
    {
        var listed = new Dictionary<string, long>();
        await foreach (var blob in Container(rig).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
            listed[blob.Name] = blob.Properties.ContentLength ?? -1;
        return listed;
    }

    [Fact]
    public async Task Tallies_added_on_their_own_at_the_same_instant_are_each_counted()
    {
        await using var rig = await Rig.CreateAsync(servers);

        await rig.Metrics.AddAsync(Started(Monday, Tuesday), Now);
        await rig.Metrics.AddAsync(Started(Monday), Now);

        Assert.Equal(3, (await ListedAsync(rig)).Count);
        Assert.Equal(2, await StartedOnAsync(rig, Monday));
        Assert.Equal(1, await StartedOnAsync(rig, Tuesday));
    }

    [Fact]
    public async Task A_tally_written_twice_is_one_blob_counted_once()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var tally = Saved(Monday, 1);

        await rig.Metrics.WriteAsync(tally, default);
        await rig.Metrics.WriteAsync(tally, default);

        Assert.Equal([tally.BlobName], (await ListedAsync(rig)).Keys);
        Assert.StartsWith("tallies/2026-11-16/", tally.BlobName, StringComparison.Ordinal);
        Assert.Equal(1, await StartedOnAsync(rig, Monday));
    }

    [Fact]
    public async Task A_read_folds_each_day_it_covers_into_that_days_summary_and_leaves_other_days_alone()
    {
        await using var rig = await Rig.CreateAsync(servers);
        foreach (var second in new[] { 1, 2, 3 }) await rig.Metrics.WriteAsync(Saved(Monday, second), default);
        var tuesday = Saved(Tuesday, 4);
        await rig.Metrics.WriteAsync(tuesday, default);

        Assert.Equal(3, await StartedOnAsync(rig, Monday));

        var listed = await ListedAsync(rig);
        Assert.Contains("summaries/2026-11-16.json", listed.Keys);
        Assert.DoesNotContain("summaries/2026-11-17.json", listed.Keys);
        var monday = listed.Where(b => b.Key.StartsWith("tallies/2026-11-16/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, monday.Count);
        Assert.All(monday, b => Assert.Equal(0, b.Value));
        Assert.True(listed[tuesday.BlobName] > 0);
        var summary = DaySummary.Parse((await Container(rig).GetBlobClient("summaries/2026-11-16.json").DownloadContentAsync()).Value.Content);
        Assert.Equal(Started(Monday, Monday, Monday), summary.Tally);
        Assert.DoesNotContain(summary.Absorbed, name => listed.GetValueOrDefault(name) > 0);

        // Nothing new: the summary answers alone and is not written again.
        var version = (await Container(rig).GetBlobClient("summaries/2026-11-16.json").GetPropertiesAsync()).Value.ETag;
        var both = await rig.Metrics.ReadAsync(Monday, Tuesday);
        Assert.Equal(Started(Monday, Monday, Monday, Tuesday), both);
        Assert.Equal(version, (await Container(rig).GetBlobClient("summaries/2026-11-16.json").GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task A_tally_written_again_after_its_day_was_folded_is_not_counted_again()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var retried = Saved(Monday, 1);
        await rig.Metrics.WriteAsync(retried, default);
        Assert.Equal(1, await StartedOnAsync(rig, Monday));

        await rig.Metrics.WriteAsync(Saved(Monday, 2), default);
        Assert.Equal(2, await StartedOnAsync(rig, Monday));

        // The first change's pending work is finished a second time (it was never cleared), after two folds.
        await rig.Metrics.WriteAsync(retried, default);

        Assert.Equal(2, await StartedOnAsync(rig, Monday));
        Assert.Equal(2, await StartedOnAsync(rig, Monday));
    }

    [Fact]
    public async Task A_fold_interrupted_after_its_summary_was_written_counts_nothing_twice()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var (absorbed, fresh) = (Saved(Monday, 1), Saved(Monday, 2));
        await rig.Metrics.WriteAsync(absorbed, default);
        await rig.Metrics.WriteAsync(fresh, default);
        // What a reader that stopped right after writing the summary leaves: the summary, and its tally still unmarked.
        var summary = new DaySummary(new HashSet<string> { absorbed.BlobName }, absorbed.Tally);
        await Container(rig).GetBlobClient(TallyBlob.Summary(Monday)).UploadAsync(BinaryData.FromBytes(summary.ToUtf8()));

        Assert.Equal(2, await StartedOnAsync(rig, Monday));
        Assert.Equal(2, await StartedOnAsync(rig, Monday));
        Assert.Equal([0, 0], (await ListedAsync(rig)).Where(b => b.Key.StartsWith("tallies/", StringComparison.Ordinal)).Select(b => b.Value));
    }

    [Fact]
    public async Task Readers_of_two_instances_folding_the_same_day_at_once_while_writers_add_to_it_lose_nothing_and_count_nothing_twice()
    {
        await using var rig = await Rig.CreateAsync(servers);
        // Each instance's folds of a day take turns, so the race to fold is between instances.
        var instances = new[] { rig.Metrics, new BlobMetricsStore(new EnsuredContainer(Container(rig))) };
        const int Writes = 120;
        var writers = Enumerable.Range(0, Writes).Select(async i =>
        {
            var tally = Saved(Monday, i);
            await rig.Metrics.WriteAsync(tally, default);
            if (i % 3 == 0) await rig.Metrics.WriteAsync(tally, default);
        });
        var readers = Enumerable.Range(0, 6).Select(async reader =>
        {
            var metrics = instances[reader % instances.Length];
            var seen = 0L;
            for (var read = 0; read < 8; read++)
            {
                var now = (await metrics.ReadAsync(Monday, Monday))[CartsStarted(Monday)].Count;
                Assert.InRange(now, seen, Writes);
                seen = now;
            }
        });

        await Task.WhenAll(writers.Concat(readers));

        var totals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StartedOnAsync(rig, Monday)));
        Assert.All(totals, total => Assert.Equal(Writes, total));
    }

    [Fact]
    public async Task A_saved_tally_rides_in_the_customer_document_until_written_and_a_late_finish_counts_it_once()
    {
        FlakyScheduler? flaky = null;
        await using var rig = await Rig.CreateAsync(servers, services => services.Decorate(inner => flaky = new FlakyScheduler(inner)));
        var change = new CustomerChange(Ann, Version(Ann, 1), null, [Armed(Ann, 1, Now)], [], null, Started(Monday, Tuesday));

        // The queue is down after the save: the document keeps its pending work, the tally steps among it.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.TrySaveAsync(change));
        var steps = (await rig.RawItemAsync("c-ann"))!.Value.GetProperty("pending").EnumerateArray()
            .Where(step => step.GetProperty("do").GetString() == "tally").ToList();
        Assert.Equal(2, steps.Count);
        Assert.Matches(@"^tallies/2026-11-16/[0-9a-f-]{36}\.json$", steps[0].GetProperty("blob").GetString());
        Assert.Matches(@"^tallies/2026-11-17/[0-9a-f-]{36}\.json$", steps[1].GetProperty("blob").GetString());
        Assert.Equal("cart_started", steps[0].GetProperty("tally").GetProperty("rows")[0].GetProperty("measure").GetString());

        // Someone reads the metrics (folding both days) before the customer is loaded again.
        Assert.Equal(Started(Monday, Tuesday), await rig.Metrics.ReadAsync(Monday, Tuesday));
        flaky!.Failing = false;
        await rig.Store.FindAsync(Ann);

        Assert.True(await rig.NoWorkUndoneAsync("c-ann"));
        Assert.Equal(Started(Monday, Tuesday), await rig.Metrics.ReadAsync(Monday, Tuesday));
    }

    [Fact]
    public async Task Erasing_a_customer_leaves_the_counters_which_name_no_one()
    {
        await using var rig = await Rig.CreateAsync(servers);
        await rig.Store.TrySaveAsync(new CustomerChange(Ann, Version(Ann, 1), null, [Entered(Ann)], [], null, Started(Monday)));

        await rig.Store.EraseAsync(Ann);

        var tally = Assert.Single((await ListedAsync(rig)).Keys, name => name.StartsWith("tallies/", StringComparison.Ordinal));
        var content = (await Container(rig).GetBlobClient(tally).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("cart_started", content, StringComparison.Ordinal);
        Assert.DoesNotContain("c-ann", content, StringComparison.Ordinal);
        Assert.Equal(1, await StartedOnAsync(rig, Monday));
        Assert.DoesNotContain("c-ann", Encoding.UTF8.GetString(await SummaryBytesAsync(rig, Monday)), StringComparison.Ordinal);
    }

    static async Task<byte[]> SummaryBytesAsync(Rig rig, LocalDate day) =>
        (await Container(rig).GetBlobClient(TallyBlob.Summary(day)).DownloadContentAsync()).Value.Content.ToArray();
}
