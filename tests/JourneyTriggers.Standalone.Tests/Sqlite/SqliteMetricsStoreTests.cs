using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Sqlite;

/// <summary>Tallies are saved with their decision, read back summed per range of days, and folded to one row per day by the read.</summary>
public sealed class SqliteMetricsStoreTests : IDisposable
{
    static readonly LocalDate Monday = new(2026, 11, 16);
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    readonly TempDirectory data = new();
    readonly SqliteDatabase database;
    readonly SqliteCustomerStore store;
    readonly SqliteMetricsStore metrics;

    public SqliteMetricsStoreTests()
    {
        database = SqliteDatabase.Open(data.Path);
        store = new SqliteCustomerStore(database, new TimerSignal(), OutboxDestinations.OutboxOnly);
        metrics = new SqliteMetricsStore(database);
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    static MetricsTally Tally(params (LocalDate Day, MetricMeasure Measure, decimal Amount)[] facts)
    {
        var builder = new MetricsTallyBuilder();
        foreach (var (day, measure, amount) in facts) builder.Add(MetricFact.One(new MetricKey(day, measure, measure == MetricMeasure.CartStarted ? null : "abandoned_cart"), amount));
        return builder.ToTally();
    }

    async Task<string?> SaveAsync(string? etag, MetricsTally tally)
    {
        Assert.True(await store.TrySaveAsync(new CustomerChange(Ann, CustomerState.New(Ann.Owner), etag, [], [], null, tally)));
        return (await store.FindAsync(Ann))!.ETag;
    }

    long Rows(LocalDate day)
    {
        using var connection = new SqliteConnection($"Data Source={database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM metric_tallies WHERE day = $day";
        command.Parameters.AddWithValue("$day", day.ToString("yyyy-MM-dd", null));
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Saved_tallies_are_summed_for_the_days_asked_and_each_day_is_folded_into_one_row()
    {
        var etag = await SaveAsync(null, Tally((Monday, MetricMeasure.CartStarted, 0), (Monday, MetricMeasure.Conversion, 32900)));
        etag = await SaveAsync(etag, Tally((Monday, MetricMeasure.CartStarted, 0), (Monday.PlusDays(1), MetricMeasure.CartStarted, 0)));
        await SaveAsync(etag, Tally((Monday.PlusDays(2), MetricMeasure.CartStarted, 0)));
        Assert.Equal(2, Rows(Monday));

        var two = await metrics.ReadAsync(Monday, Monday.PlusDays(1));

        Assert.Equal(new MetricValue(2, 0), two[new MetricKey(Monday, MetricMeasure.CartStarted)]);
        Assert.Equal(new MetricValue(1, 32900), two[new MetricKey(Monday, MetricMeasure.Conversion, "abandoned_cart")]);
        Assert.Equal(new MetricValue(1, 0), two[new MetricKey(Monday.PlusDays(1), MetricMeasure.CartStarted)]);
        Assert.Equal(MetricValue.Zero, two[new MetricKey(Monday.PlusDays(2), MetricMeasure.CartStarted)]);
        Assert.Equal(1, Rows(Monday));
        Assert.Equal(two, await metrics.ReadAsync(Monday, Monday.PlusDays(1)));
    }

    [Fact]
    public async Task A_tally_added_on_its_own_counts_beside_the_saved_ones()
    {
        await SaveAsync(null, Tally((Monday, MetricMeasure.CartStarted, 0)));
        var rejected = new MetricKey(Monday, MetricMeasure.EventRejected);
        var refused = new MetricsTallyBuilder();
        refused.Add(new MetricFact(rejected, new MetricValue(3, 0)));

        await metrics.AddAsync(refused.ToTally(), Instant.FromUtc(2026, 11, 16, 9, 0));
        await metrics.AddAsync(MetricsTally.Empty, Instant.FromUtc(2026, 11, 16, 9, 0));

        Assert.Equal(2, Rows(Monday));
        var read = await metrics.ReadAsync(Monday, Monday);
        Assert.Equal(new MetricValue(3, 0), read[rejected]);
        Assert.Equal(new MetricValue(1, 0), read[new MetricKey(Monday, MetricMeasure.CartStarted)]);
    }

    [Fact]
    public async Task A_tally_saved_after_its_day_was_folded_is_counted_and_folded_next_time()
    {
        var etag = await SaveAsync(null, Tally((Monday, MetricMeasure.CartStarted, 0)));
        etag = await SaveAsync(etag, Tally((Monday, MetricMeasure.CartStarted, 0)));
        await metrics.ReadAsync(Monday, Monday);

        await SaveAsync(etag, Tally((Monday, MetricMeasure.CartStarted, 0)));

        Assert.Equal(3, (await metrics.ReadAsync(Monday, Monday))[new MetricKey(Monday, MetricMeasure.CartStarted)].Count);
        Assert.Equal(1, Rows(Monday));
    }

    [Fact]
    public async Task A_refused_save_writes_no_tally_and_erasure_leaves_the_counters_which_name_no_one()
    {
        await SaveAsync(null, Tally((Monday, MetricMeasure.CartStarted, 0)));
        Assert.False(await store.TrySaveAsync(new CustomerChange(Ann, CustomerState.New(Ann.Owner), "999", [], [], null, Tally((Monday, MetricMeasure.CartStarted, 0)))));

        await store.EraseAsync(Ann);

        Assert.Equal(1, (await metrics.ReadAsync(Monday, Monday))[new MetricKey(Monday, MetricMeasure.CartStarted)].Count);
    }
}
