using System.Text;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone.Inbox;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Inbox;

/// <summary>A batch holds no more of one customer's touchpoints than the seen-id window can recognise on a replay.</summary>
public sealed class CustomerBoundedBatchTests
{
    static readonly Instant At = Instant.FromUtc(2026, 11, 22, 10, 0);

    static ReadTouchpoint Handed(long seq, string customer, string? anonymous = null)
    {
        var touchpoint = new CartViewed(new TouchpointId($"e-{seq}"), new CustomerRef(customer, anonymous), At, "web");
        return new(new QueuedTouchpoint(seq, At.ToUnixTimeTicks(), [], touchpoint), [new TouchpointReading.Accepted(touchpoint)]);
    }

    /// <summary>Read back from the inbox file after a restart, as the pump reads it.</summary>
    static ReadTouchpoint FromFile(long seq, string customer)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"id":"e-{{seq}}","type":"cart.viewed","customerId":"{{customer}}","timestamp":"2026-11-22T10:00:00Z"}""");
        return new(new QueuedTouchpoint(seq, At.ToUnixTimeTicks(), json), TouchpointNormaliser.ReadNativeBody(json, At));
    }

    static ReadTouchpoint Unreadable(long seq) =>
        new(new QueuedTouchpoint(seq, At.ToUnixTimeTicks(), Encoding.UTF8.GetBytes("{}")), [new TouchpointReading.Rejected(null, null, "type: missing")]);

    [Fact]
    public void A_batch_ends_before_the_touchpoint_that_would_pass_one_customers_bound_and_keeps_its_order()
    {
        var batch = Enumerable.Range(1, 1_200).Select(seq => Handed(seq, seq % 3 == 0 ? "c-other" : "c-busy")).ToList();

        var cut = CustomerBoundedBatch.Cut(batch);

        Assert.Equal(CustomerBoundedBatch.MaxPerCustomer, cut.Count(q => q.Accepted!.Touchpoint.Customer.CustomerId == "c-busy"));
        Assert.Equal(batch.Take(cut.Count), cut);
        Assert.Equal("c-busy", batch[cut.Count].Accepted!.Touchpoint.Customer.CustomerId);
        Assert.True(CustomerBoundedBatch.MaxPerCustomer < SeenTouchpoints.MaxIds);
    }

    [Fact]
    public void Touchpoints_read_back_from_the_file_after_a_restart_are_counted_too()
    {
        var batch = Enumerable.Range(1, 5).Select(seq => FromFile(seq, "c-busy")).ToList();

        Assert.Equal(3, CustomerBoundedBatch.Cut(batch, maxPerCustomer: 3).Count);
    }

    [Fact]
    public void One_customer_is_counted_whichever_anonymous_id_rides_along_and_unreadable_touchpoints_count_for_no_one()
    {
        List<ReadTouchpoint> batch = [Handed(1, "c-busy"), Unreadable(2), Handed(3, "c-busy", "a-1"), Unreadable(4), Handed(5, "c-busy", "a-2"), Handed(6, "c-busy")];

        Assert.Equal(5, CustomerBoundedBatch.Cut(batch, maxPerCustomer: 3).Count);
    }

    [Fact]
    public void Many_customers_under_the_bound_keep_the_whole_batch()
    {
        var batch = Enumerable.Range(1, 2_000).Select(seq => Handed(seq, $"c-{seq % 10}")).ToList();

        Assert.Same(batch, CustomerBoundedBatch.Cut(batch));
    }
}
