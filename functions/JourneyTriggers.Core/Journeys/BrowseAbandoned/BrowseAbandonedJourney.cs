using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Journeys.BrowseAbandoned;

/// <summary>
/// Browse abandonment: a view that brings the count since the last add-to-cart, order or browse
/// start to minViews starts the journey, never while a cart journey runs; later views push it out.
/// </summary>
internal static class BrowseAbandonedJourney
{
    public static CustomerState Viewed(DecisionContext context, CustomerState state, ProductViewed view)
    {
        state = state with
        {
            Seen = context.SeenOf(state),
            Clocks = state.Clocks with
            {
                LastView = ActivityClocks.Later(state.Clocks.LastView, view.Timestamp),
                LastSeen = context.LastSeenOf(state.Clocks),
            },
            Browse = state.Browse.Viewed(view.Product),
        };
        var cartJourneyRuns = JourneyLifecycle.IsRunning(state, context.Triggers.Cart);
        var started = false;
        foreach (var trigger in context.Triggers.Browse)
        {
            if (state.StateOf(trigger.Name).IsRunning)
                state = JourneyLifecycle.PushOut(state, trigger, context.Now);
            else if (!cartJourneyRuns && state.Browse.ViewsSinceReset >= trigger.MinViews)
            {
                var before = state;
                state = JourneyLifecycle.Enter(context, state, trigger);
                started |= !ReferenceEquals(before, state);
            }
        }
        return started ? state with { Browse = state.Browse.Reset() } : state;
    }
}
