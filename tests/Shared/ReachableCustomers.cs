using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Tests.Support;

/// <summary>
/// A customer the engine would email: identified with an address and consenting, built through the engine's own
/// touchpoints so it holds whatever the profile records of them. A reminder tried again later is only sent to such a
/// customer (LateSends).
/// </summary>
internal static class ReachableCustomers
{
    public static CustomerState By(JourneyEngine engine, CustomerState state, Instant at)
    {
        var who = state.Identity;
        state = engine.Decide(state, new CustomerIdentified(new TouchpointId("reachable-identify"), who, at, "web", "ann@example.test", "Ann", null, null, null), at).State;
        return engine.Decide(state, new ConsentUpdated(new TouchpointId("reachable-consent"), who, at, "web", true, null), at).State;
    }
}
