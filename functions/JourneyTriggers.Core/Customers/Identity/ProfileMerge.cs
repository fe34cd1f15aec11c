using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Customers.Identity;

/// <summary>
/// Folds an anonymous profile's data into the known customer's: the known profile wins where both
/// say something, except consent, where the newer statement stands; cart lines add up, every clock
/// takes the later of the two. Journeys are merged by
/// the engine, which knows the triggers.
/// </summary>
internal static class ProfileMerge
{
    public static CustomerState MergeData(CustomerState known, CustomerState anonymous, TouchpointId identifyId, Instant now) => known with
    {
        Profile = known.Profile.FillFrom(anonymous.Profile),
        Cart = known.Cart.Merge(anonymous.Cart),
        Clocks = known.Clocks.Merge(anonymous.Clocks),
        Orders = known.Orders.Merge(anonymous.Orders),
        Browse = known.Browse.Merge(anonymous.Browse),
        Ledger = known.Ledger.Merge(anonymous.Ledger),
        Seen = known.Seen.Merge(anonymous.Seen).Record(identifyId, now),
        NextTimerToken = Math.Max(known.NextTimerToken, anonymous.NextTimerToken),
    };
}
