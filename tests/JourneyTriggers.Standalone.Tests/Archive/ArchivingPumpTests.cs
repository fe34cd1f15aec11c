using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static JourneyTriggers.Standalone.Tests.Inbox.SqliteInboxTests;

namespace JourneyTriggers.Standalone.Tests.Archive;

/// <summary>The inbox pump keeping what it decided, and erasure and the data folder around it.</summary>
public sealed class ArchivingPumpTests : IDisposable
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");
    static readonly ProfileKey Bob = ProfileKey.ForCustomer("c-bob");

    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task The_pump_keeps_every_touchpoint_it_decided_in_arrival_order_as_native_json()
    {
        using var shop = new Shop(data.Path, time, archive: true);
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2")]);
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-3"), Add("c-ann", "e-1")]);

        await shop.PumpUntilDecidedAsync();

        // e-1 again was answered "duplicate" and never queued.
        Assert.Equal(["e-1", "e-2", "e-3"], await ArchivedLines.IdsAsync(shop.Archive!));
        Assert.Equal(["c-ann", "c-bob", "c-ann"],
            shop.Archive!.Database.Read(s => Column(s, "SELECT customer_key FROM touchpoints ORDER BY seq")));
        await foreach (var line in shop.Archive!.ReadAsync(null, null))
            Assert.IsType<Core.Touchpoints.Normalisation.TouchpointReading.Accepted>(
                Assert.Single(Core.Touchpoints.Normalisation.TouchpointNormaliser.ReadNativeBody(line.ToArray(), NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow()))));
    }

    static List<string> Column(Standalone.Sqlite.SqliteSession session, string sql)
    {
        using var reader = session.Command(sql).ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    [Fact]
    public async Task A_touchpoint_kept_as_a_dead_letter_is_not_archived()
    {
        using var shop = new Shop(data.Path, time, archive: true);
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2"), Add("c-ann", "e-3")]);

        await shop.PumpUntilDecidedAsync(shop.IngestionOver(new FailingStore(shop.Store, Bob, _ => new InvalidOperationException("the document cannot be read"))));

        Assert.Single(await shop.DeadLetters.ListRecentAsync(10));
        Assert.Equal(["e-1", "e-3"], await ArchivedLines.IdsAsync(shop.Archive!));
    }

    [Fact]
    public async Task Erasing_a_customer_erases_their_archived_touchpoints_and_says_how_many()
    {
        using var shop = new Shop(data.Path, time, archive: true);
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2"), Add("c-ann", "e-3")]);
        await shop.PumpUntilDecidedAsync();

        var report = await shop.Store.EraseAsync(Ann);

        Assert.Equal(2, report.Removed["archivedTouchpoints"]);
        Assert.Equal(1, report.Removed["customer"]);
        Assert.Equal(["e-2"], await ArchivedLines.IdsAsync(shop.Archive!));
    }

    [Fact]
    public async Task Without_the_archive_nothing_is_kept_and_no_file_is_made()
    {
        using (var shop = new Shop(data.Path, time))
        {
            await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1")]);
            await shop.PumpUntilDecidedAsync();
            Assert.Equal(0, (await shop.Store.EraseAsync(Ann)).Removed["archivedTouchpoints"]);
        }
        Assert.False(File.Exists(Path.Combine(data.Path, ArchiveSchema.FileName)));
    }
}
