using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Journeys.BrowseAbandoned;

/// <summary>
/// Browse abandonment: a view that brings the count since the last add-to-cart, order or browse
/// start to minViews starts the journey, never while a cart journey runs; later views push it out.
/// </summary>
internal static class BrowseAbandonedJourney
{
    public static void Viewed(DecisionContext context, CustomerDraft customer, ProductViewed view)
    {
        customer.LastView = ActivityClocks.Later(customer.LastView, view.Timestamp);
        customer.Browse = customer.Browse.Viewed(view.Product);
        var cartJourneyRuns = JourneyLifecycle.IsRunning(customer, context.Triggers.Cart);
        var started = false;
        foreach (var trigger in context.Triggers.Browse)
        {
            if (customer.StateOf(trigger.Name).IsRunning)
                JourneyLifecycle.PushOut(customer, trigger, context.Now);
            else if (!cartJourneyRuns && customer.Browse.ViewsSinceReset >= trigger.MinViews)
                started |= JourneyLifecycle.Enter(context, customer, trigger);
        }
        if (started) customer.Browse = customer.Browse.Reset();
    }
}
