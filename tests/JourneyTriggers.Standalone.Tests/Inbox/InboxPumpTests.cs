using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static JourneyTriggers.Standalone.Tests.Inbox.SqliteInboxTests;

namespace JourneyTriggers.Standalone.Tests.Inbox;

public sealed class InboxPumpTests : IDisposable
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");
    static readonly ProfileKey Bob = ProfileKey.ForCustomer("c-bob");

    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    Shop shop;

    public InboxPumpTests() => shop = new Shop(data.Path, time);

    public void Dispose()
    {
        shop.Dispose();
        data.Dispose();
    }

    async Task<int> QuantityAsync(ProfileKey key) =>
        (await shop.Store.FindAsync(key))?.State.Cart.Lines.Sum(l => l.Quantity) ?? 0;

    Task PumpUntilDecidedAsync(TouchpointIngestion? ingestion = null) => shop.PumpUntilDecidedAsync(ingestion);

    [Fact]
    public async Task The_pump_decides_every_acknowledged_touchpoint_and_empties_the_inbox()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2")]);
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-3")]);

        await PumpUntilDecidedAsync();

        Assert.Equal(2, await QuantityAsync(Ann));
        Assert.Equal(1, await QuantityAsync(Bob));
        Assert.Equal(0, shop.Inbox.Backlog);
        Assert.Equal(0L, shop.Inbox.Database.Read(s => (long)s.Command("SELECT COUNT(*) FROM inbox").ExecuteScalar()!));
    }

    [Fact]
    public async Task The_pump_decides_what_this_process_acknowledged_as_read_and_what_an_earlier_one_did_from_the_file()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-ann", "e-2")]);
        // What the file holds no longer reads as a touchpoint: only the touchpoints handed over as read can be decided.
        await CorruptQueuedRowsAsync();

        await PumpUntilDecidedAsync();

        Assert.Equal(2, await QuantityAsync(Ann));
        Assert.Empty(await shop.DeadLetters.ListRecentAsync(10));

        await shop.Inbox.ReceiveAsync([Add("c-bob", "e-3")]);
        await CorruptQueuedRowsAsync();
        shop.Dispose();
        shop = new Shop(data.Path, time);

        // After a restart there is nothing handed over: the pump reads the file, and finds the corrupt row.
        await PumpUntilDecidedAsync();

        Assert.Equal(0, await QuantityAsync(Bob));
        Assert.Single(await shop.DeadLetters.ListRecentAsync(10));
    }

    [Theory]
    [InlineData("""{"type":"group","userId":"c-ann","groupId":"g-1","messageId":"seg-1","timestamp":"2026-11-23T08:00:00Z"}""")]
    [InlineData("""{"type":"page","name":"Home","userId":"c-ann","messageId":"seg-1","timestamp":"2026-11-23T08:00:00Z"}""")]
    public async Task A_queued_touchpoint_named_like_a_Segment_call_reads_back_after_a_restart_as_what_was_acknowledged(string call)
    {
        using var json = System.Text.Json.JsonDocument.Parse(call);
        var reading = Core.Touchpoints.Normalisation.TouchpointNormaliser.ReadSegment(json.RootElement, null, NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow()));
        await shop.Inbox.ReceiveAsync([Assert.IsType<Core.Touchpoints.Normalisation.TouchpointReading.Accepted>(reading)]);
        shop.Dispose();
        shop = new Shop(data.Path, time);

        await PumpUntilDecidedAsync();

        Assert.Empty(await shop.DeadLetters.ListRecentAsync(10));
        Assert.True((await shop.Store.FindAsync(Ann))!.State.Seen.Contains(new Core.Touchpoints.TouchpointId("seg-1")));
    }

    /// <summary>Every queued touchpoint's line becomes <c>{}</c>, each row keeping its number of lines.</summary>
    Task CorruptQueuedRowsAsync() =>
        shop.Inbox.Database.WriteAsync(s => s.Command(
            "UPDATE inbox SET touchpoints = CAST(rtrim(replace(hex(zeroblob(events)), '00', '{}' || char(10)), char(10)) AS BLOB)").ExecuteNonQuery(),
            CancellationToken.None);

    [Fact]
    public async Task Under_steady_load_the_pump_gathers_a_batch_until_someone_waits_for_the_decisions()
    {
        using var pump = shop.InboxPump(pollInterval: TimeSpan.FromMilliseconds(10));
        await pump.StartAsync(CancellationToken.None);
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1")]);
        Assert.True(await shop.Inbox.WaitDecidedAsync(TimeSpan.FromSeconds(30)));

        // Moments after a batch, with the clock standing still: the next event waits for more to join it.
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-2")]);
        await Task.Delay(300);
        Assert.Equal(1, shop.Inbox.Backlog);

        // A read waiting for it ends the gathering at once.
        Assert.True(await shop.Inbox.WaitDecidedAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, await QuantityAsync(Ann));
        await pump.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Touchpoints_acknowledged_before_a_crash_are_decided_after_the_restart_once()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-ann", "e-2")]);
        // The crash: the batch was decided and saved, but the process died before removing it from the inbox.
        await shop.Ingestion.IngestAsync([Add("c-ann", "e-1"), Add("c-ann", "e-2")], CancellationToken.None);
        shop.Dispose();
        shop = new Shop(data.Path, time);
        Assert.Equal(2, shop.Inbox.Backlog);

        await PumpUntilDecidedAsync();

        Assert.Equal(2, await QuantityAsync(Ann));
        var timeline = (await shop.Store.FindAsync(Ann))!.State.Timeline;
        Assert.Single(timeline, e => e is Core.Effects.JourneyEntered);
    }

    [Fact]
    public async Task A_touchpoint_that_can_never_be_decided_goes_to_the_dead_letters_and_the_others_are_decided()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2"), Add("c-ann", "e-3")]);
        var failing = new FailingStore(shop.Store, Bob, _ => new InvalidOperationException("the document cannot be read"));

        await PumpUntilDecidedAsync(shop.IngestionOver(failing));

        Assert.Equal(2, await QuantityAsync(Ann));
        Assert.Equal(0, await QuantityAsync(Bob));
        var letter = Assert.Single(await shop.DeadLetters.ListRecentAsync(10)).Letter;
        Assert.Equal("inbox", letter.Source);
        Assert.Equal("InvalidOperationException: the document cannot be read", letter.Reason);
        Assert.Contains("\"id\":\"e-2\"", System.Text.Encoding.UTF8.GetString(letter.Body.Span));
        Assert.Equal("2", letter.Details[DeadLetterDetails.SequenceNumber]);
    }

    [Fact]
    public async Task A_failure_that_may_pass_is_retried_with_the_whole_batch_and_nothing_is_dead_lettered()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1"), Add("c-bob", "e-2")]);
        var failing = new FailingStore(shop.Store, Bob, _ => new StoreUnavailableException("busy"), failures: 2);

        await PumpUntilDecidedAsync(shop.IngestionOver(failing));

        Assert.Equal(1, await QuantityAsync(Ann));
        Assert.Equal(1, await QuantityAsync(Bob));
        Assert.Equal(2, failing.Failed);
        Assert.Empty(await shop.DeadLetters.ListRecentAsync(10));
    }

    [Fact]
    public async Task Ids_acknowledged_more_than_seven_days_ago_are_forgotten_by_the_idle_pump()
    {
        await shop.Inbox.ReceiveAsync([Add("c-ann", "e-1")]);
        using var pump = shop.InboxPump(pollInterval: TimeSpan.FromSeconds(1));
        await pump.StartAsync(CancellationToken.None);
        long Remembered() => shop.Inbox.Database.Read(s => (long)s.Command("SELECT COUNT(*) FROM accepted_ids").ExecuteScalar()!);
        await Eventually.Holds(() => shop.Inbox.Backlog == 0, time, TimeSpan.FromMilliseconds(100), "decided");
        Assert.Equal(1L, Remembered());

        time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(2));
        await Eventually.Holds(() => Remembered() == 0, time, TimeSpan.FromMinutes(1), "the id forgotten");
        await pump.StopAsync(CancellationToken.None);
    }
}
