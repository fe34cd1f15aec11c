using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Processing;

/// <summary>
/// The service's merge, end to end over SQLite: an order placed under one id is credited to the reminder the other id was
/// sent, when the two are merged, and the live tally counts each journey converted once, as <c>simulate</c> does.
/// </summary>
public sealed class MergeConversionTests : IDisposable
{
    static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    static readonly CustomerRef Visitor = CustomerRef.Anonymous("a-phone");

    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(Start);

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task A_known_customers_order_is_credited_to_the_visitors_reminder_whose_journey_converted_already_without_converting_it_again()
    {
        using var shop = new Shop(data.Path, time);
        await Ingest(shop, new CustomerIdentified(new TouchpointId("visitor-identified"), Visitor, Now(), "ios", "visitor@example.test", null, null, null, null),
            new CartItemAdded(new TouchpointId("visitor-added"), Visitor, Now(), "ios", new ProductInfo("mug", "Mug", 350m, "THB", null, null), 1));
        await SendStepOneAsync(shop);

        // The visitor buys (the journey converts), the known customer buys on another device, then the visitor signs in.
        await Ingest(shop, new OrderCompleted(new TouchpointId("visitor-order"), Visitor, Now(), "ios", "o-1", 350m, "THB"),
            new OrderCompleted(new TouchpointId("known-order"), CustomerRef.Known("c-1"), Now() + Duration.FromMinutes(5), "web", "o-2", 120m, "THB"));
        await Ingest(shop, new CustomerIdentified(new TouchpointId("visitor-signed-in"), new CustomerRef("c-1", "a-phone"), Now() + Duration.FromMinutes(10), "ios",
            null, null, null, null, null));

        Assert.Equal(["o-1", "o-2"], DatabaseFile.Column(data.Path, "SELECT json_extract(json, '$.orderId') FROM effects WHERE type = 'conversion' ORDER BY seq"));
        var day = new LocalDate(2026, 11, 22);
        var rows = (await new SqliteMetricsStore(shop.Database).ReadAsync(day, day)).Rows;
        Assert.Equal(1, rows.Where(r => r.Key.Measure == MetricMeasure.ReminderConverted).Sum(r => r.Value.Count));
        Assert.Equal((2L, 470m), (rows.Where(r => r.Key.Measure == MetricMeasure.Conversion).Sum(r => r.Value.Count),
            rows.Where(r => r.Key.Measure == MetricMeasure.Conversion).Sum(r => r.Value.Amount)));
    }

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    async Task SendStepOneAsync(Shop shop)
    {
        using var pump = shop.Pump();
        await pump.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await Eventually.Holds(() => DatabaseFile.Count(data.Path, "SELECT COUNT(*) FROM outbox") == 1, time, what: "step 1 sent");
        await pump.StopAsync(CancellationToken.None);
    }

    static Task Ingest(Shop shop, params Touchpoint[] touchpoints) =>
        shop.Ingestion.IngestAsync([.. touchpoints.Select(t => new TouchpointReading.Accepted(t))], CancellationToken.None);
}
