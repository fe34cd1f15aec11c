using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Delivery;

/// <summary>
/// A reminder that waited on its provider, over the real store: the check before it is tried again, and the recording of
/// its verdict.
/// </summary>
public sealed class LateSendTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly Shop shop;

    public LateSendTests() => shop = new Shop(data.Path, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T11:00:00Z")));

    public void Dispose()
    {
        shop.Dispose();
        data.Dispose();
    }

    Instant Now => Instant.FromDateTimeOffset(shop.Time.GetUtcNow());

    [Fact]
    public async Task A_visitor_merged_into_a_known_customer_meanwhile_is_checked_under_the_known_id()
    {
        var visitor = CustomerRef.Anonymous("a-9");
        await shop.Ingestion.IngestAsync([
            new TouchpointReading.Accepted(new PushRegistered(new TouchpointId("r-1"), visitor, Now, "ios", "inst-1", "apns", "token-1")),
            new TouchpointReading.Accepted(new ConsentUpdated(new TouchpointId("r-2"), visitor, Now, "ios", null, true)),
        ], CancellationToken.None);
        var reminder = Messages.Push("m-1", ProfileKey.ForAnonymous("a-9"), Now);
        var check = new LateSendCheck(Shop.Engine, shop.Updates, new HostClock(shop.Time));
        Assert.Equal(new LateSend(null, null), await check.CheckAsync(reminder, CancellationToken.None));

        await shop.Ingestion.IngestAsync([
            new TouchpointReading.Accepted(new CustomerIdentified(new TouchpointId("r-3"), new CustomerRef("c-1", "a-9"), Now, "ios", null, null, null, null, null)),
        ], CancellationToken.None);

        Assert.NotNull((await shop.Store.FindAsync(ProfileKey.ForAnonymous("a-9")))!.State.MergedInto);
        Assert.Equal(new LateSend(null, null), await check.CheckAsync(reminder, CancellationToken.None));
    }

    [Fact]
    public async Task An_erased_customer_withdraws_it()
    {
        var check = new LateSendCheck(Shop.Engine, shop.Updates, new HostClock(shop.Time));

        Assert.Equal("withdrawn before the provider took it: the customer no longer exists (erased)",
            (await check.CheckAsync(Messages.Email("m-1", ProfileKey.ForCustomer("c-nobody"), Now), CancellationToken.None)).Withdrawal);
    }

    [Fact]
    public async Task The_verdict_for_a_visitor_merged_while_their_reminder_waited_is_recorded_under_the_known_id_once()
    {
        var visitor = CustomerRef.Anonymous("a-9");
        await shop.Ingestion.IngestAsync([
            new TouchpointReading.Accepted(new PushRegistered(new TouchpointId("r-1"), visitor, Now, "ios", "inst-1", "apns", "token-1")),
            new TouchpointReading.Accepted(new CustomerIdentified(new TouchpointId("r-2"), new CustomerRef("c-1", "a-9"), Now, "ios", null, null, null, null, null)),
        ], CancellationToken.None);
        var report = new DeliveryReport("m-1", Channel.Push, "abandoned_cart", 1, new DeliveryVerdict.Delivered("n-1"), []);

        await shop.Recording.RecordAsync(ProfileKey.ForAnonymous("a-9"), report, CancellationToken.None);
        await shop.Recording.RecordAsync(ProfileKey.ForAnonymous("a-9"), report, CancellationToken.None);

        var known = (await shop.Store.FindAsync(ProfileKey.ForCustomer("c-1")))!.State;
        var delivered = Assert.IsType<RecordDelivered>(Assert.Single(known.Timeline, e => e is RecordDelivered));
        Assert.Equal(("m-1", "n-1", "c-1"), (delivered.MessageId, delivered.ProviderMessageId, delivered.Customer.CustomerId));
        Assert.Empty((await shop.Store.FindAsync(ProfileKey.ForAnonymous("a-9")))!.State.Timeline);
    }
}
