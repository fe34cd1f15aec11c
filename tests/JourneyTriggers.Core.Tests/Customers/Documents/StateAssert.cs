using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>
/// Field-by-field equality of customer states. Record equality cannot be used as is: an
/// <c>ImmutableArray</c> or a channel list inside a record compares by reference, so two equal states
/// read from two documents would differ. Byte equality of re-serialized documents is no substitute
/// either: a field the writer forgot would be missing on both sides. (An <c>ImmutableArray</c> is
/// itself <c>IEquatable</c> by reference, so its items are compared as plain arrays.)
/// </summary>
internal static class StateAssert
{
    public static void Equal(CustomerState expected, CustomerState actual)
    {
        Assert.Equal(expected.Identity, actual.Identity);
        Assert.Equal(expected.Profile with { Installations = default }, actual.Profile with { Installations = default });
        Assert.Equal(expected.Profile.Installations.ToArray(), actual.Profile.Installations.ToArray());
        Assert.Equal(expected.Cart.Lines.ToArray(), actual.Cart.Lines.ToArray());
        Assert.Equal(expected.Clocks, actual.Clocks);
        Assert.Equal(expected.Orders.Count, actual.Orders.Count);
        Assert.Equal(expected.Orders.RecentOrderIds.ToArray(), actual.Orders.RecentOrderIds.ToArray());
        Assert.Equal(expected.Orders.Uncredited.ToArray(), actual.Orders.Uncredited.ToArray());
        Assert.Equal(expected.Browse.ViewsSinceReset, actual.Browse.ViewsSinceReset);
        Assert.Equal(expected.Browse.RecentProducts.ToArray(), actual.Browse.RecentProducts.ToArray());
        Assert.Equal(expected.Journeys.Length, actual.Journeys.Length);
        for (var i = 0; i < expected.Journeys.Length; i++) Equal(expected.Journeys[i], actual.Journeys[i]);
        Assert.Equal(expected.Ledger.Entries.ToArray(), actual.Ledger.Entries.ToArray());
        Assert.Equal(expected.Seen.Ids.ToArray(), actual.Seen.Ids.ToArray());
        Assert.Equal(expected.Timeline.ToArray(), actual.Timeline.ToArray());
        Assert.Equal(expected.NextTimerToken, actual.NextTimerToken);
        Assert.Equal(expected.MergedInto, actual.MergedInto);
    }

    // One shared list, so that with the channels compared on their own the rest compares as records.
    static readonly Channel[] NoChannels = [];

    static void Equal(TriggerJourney expected, TriggerJourney actual)
    {
        Assert.Equal(expected.Trigger, actual.Trigger);
        Assert.Equal(expected.LastStartedAt, actual.LastStartedAt);
        if (expected.State is JourneyState.Deferred deferred && actual.State is JourneyState.Deferred other)
        {
            Assert.Equal(deferred.Choice.Channels, other.Choice.Channels);
            Assert.Equal(deferred with { Choice = deferred.Choice with { Channels = NoChannels } }, other with { Choice = other.Choice with { Channels = NoChannels } });
        }
        else
        {
            Assert.Equal(expected.State, actual.State);
        }
    }
}
