using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Delivery;

/// <summary>Given a customer who was sent a reminder, when the provider's verdict arrives, then the timeline records it once.</summary>
public sealed class RecordDeliveryTests
{
    static readonly Instant SentAt = Instant.FromUtc(2026, 11, 22, 11, 0);
    static readonly Instant Now = SentAt + Duration.FromSeconds(2);
    static readonly CustomerRef Customer = CustomerRef.Known("c-42");
    static readonly StepPath Vip = new("abandoned_cart", 2, "vip", "B");

    static CustomerState Sent() => CustomerState.New(Customer) with
    {
        Profile = CustomerProfile.Empty.Register(new PushInstallation("inst-1", "fcmv1", "t1")).Register(new PushInstallation("inst-2", "apns", "t2")),
        Ledger = SentMessageLedger.Empty.Record(new SentMessage(SentAt, Vip, Channel.Push, "m-1", false, Duration.FromDays(3))),
    };

    static DeliveryReport Report(DeliveryVerdict verdict, params string[] gone) => new("m-1", Channel.Push, "abandoned_cart", 2, verdict, gone);

    [Fact]
    public void Delivered_appends_message_delivered_with_the_sends_branch_and_variant()
    {
        var decision = JourneyEngine.RecordDelivery(Sent(), Report(new DeliveryVerdict.Delivered("nh-1")), Now);

        var expected = new RecordDelivered(Now, Customer, Vip, Channel.Push, "m-1", "nh-1");
        Assert.Equal([expected], decision.Effects);
        Assert.Equal(expected, decision.State.Timeline[^1]);
    }

    [Fact]
    public void Failed_and_unknown_carry_the_reason()
    {
        Assert.Equal([new RecordDeliveryFailed(Now, Customer, Vip, Channel.Push, "m-1", "400 BadChannel")],
            JourneyEngine.RecordDelivery(Sent(), Report(new DeliveryVerdict.Failed("400 BadChannel")), Now).Effects);
        Assert.Equal([new RecordDeliveryUnknown(Now, Customer, Vip, Channel.Push, "m-1", "interrupted")],
            JourneyEngine.RecordDelivery(Sent(), Report(new DeliveryVerdict.Unknown("interrupted")), Now).Effects);
    }

    [Fact]
    public void A_report_repeated_after_a_crash_records_nothing_more()
    {
        var once = JourneyEngine.RecordDelivery(Sent(), Report(new DeliveryVerdict.Delivered(null)), Now);
        var twice = JourneyEngine.RecordDelivery(once.State, Report(new DeliveryVerdict.Unknown("interrupted")), Now + Duration.FromMinutes(1));

        Assert.Empty(twice.Effects);
        Assert.Equal(once.State.Timeline, twice.State.Timeline);
    }

    [Fact]
    public void A_verdict_recorded_on_a_visitor_is_not_recorded_again_on_the_customer_they_merged_into()
    {
        var engine = new JourneyEngine(Configs.With(Configs.Defaults(), Configs.Cart()));
        var visitor = Sent() with { Identity = CustomerRef.Anonymous("a-9") };
        var recorded = JourneyEngine.RecordDelivery(visitor, Report(new DeliveryVerdict.Delivered("nh-1")), Now).State;
        var merged = engine.Merge(CustomerState.New(Customer), recorded, Tp.Identify("2026-11-22T11:01:00Z", customer: "c-42", anonymous: "a-9"),
            Now + Duration.FromMinutes(1)).Known;

        // The report again, as after a crash before it was acknowledged: the host follows the visitor to the customer.
        var again = JourneyEngine.RecordDelivery(merged, Report(new DeliveryVerdict.Unknown("interrupted")), Now + Duration.FromMinutes(2));

        Assert.Empty(again.Effects);
        Assert.True(Assert.Single(again.State.Ledger.Entries).OutcomeRecorded);
    }

    [Fact]
    public void A_gone_installation_is_removed_and_the_others_kept()
    {
        var decision = JourneyEngine.RecordDelivery(Sent(), Report(new DeliveryVerdict.Delivered("nh-2"), "inst-1"), Now);

        Assert.Equal(["inst-2"], decision.State.Profile.Installations.Select(i => i.InstallationId));
    }

    [Fact]
    public void A_send_the_ledger_no_longer_holds_is_named_by_its_step()
    {
        var decision = JourneyEngine.RecordDelivery(CustomerState.New(Customer), Report(new DeliveryVerdict.Delivered(null)), Now);

        Assert.Equal(new StepPath("abandoned_cart", 2, null, null), ((RecordDelivered)decision.Effects[0]).Path);
    }

    [Fact]
    public void A_merged_profile_records_nothing()
    {
        var tombstone = CustomerState.Tombstone(CustomerRef.Anonymous("a-9"), "c-42");

        var decision = JourneyEngine.RecordDelivery(tombstone, Report(new DeliveryVerdict.Delivered(null)), Now);

        Assert.Empty(decision.Effects);
        Assert.Same(tombstone, decision.State);
    }
}
