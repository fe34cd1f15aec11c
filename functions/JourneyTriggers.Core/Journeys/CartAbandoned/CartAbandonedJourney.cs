using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Journeys.CartAbandoned;

/// <summary>
/// Abandoned cart: cart activity that leaves a non-empty cart enters (or pushes out) the journey;
/// an emptied cart ends it; a cart event at or before the last order is history and changes nothing.
/// </summary>
internal static class CartAbandonedJourney
{
    public static CustomerState Apply(DecisionContext context, CustomerState state, Touchpoint cartEvent)
    {
        if (state.Clocks.LastOrder is { } lastOrder && cartEvent.Timestamp <= lastOrder) return state;

        var cart = cartEvent switch
        {
            CartItemAdded added => state.Cart.Add(added.Product, added.Quantity),
            CartItemRemoved removed => state.Cart.Remove(removed.Sku, removed.Quantity),
            CartCleared => Cart.Empty,
            CartViewed or CheckoutStarted => state.Cart,
            _ => throw new ArgumentException($"{cartEvent.TypeName} is not a cart event.", nameof(cartEvent)),
        };
        var isActivity = cartEvent is not CartCleared;
        state = state with
        {
            Cart = cart,
            Seen = context.SeenOf(state),
            Clocks = isActivity
                ? state.Clocks with
                {
                    LastCartActivity = ActivityClocks.Later(state.Clocks.LastCartActivity, cartEvent.Timestamp),
                    LastSeen = context.LastSeenOf(state.Clocks),
                }
                : state.Clocks with { LastSeen = context.LastSeenOf(state.Clocks) },
            Browse = cartEvent is CartItemAdded ? state.Browse.Reset() : state.Browse,
        };

        if (isActivity)
            foreach (var browse in context.Triggers.Browse)
                state = JourneyLifecycle.Exit(context, state, browse, ExitReason.CartActivity);

        foreach (var trigger in context.Triggers.Cart)
        {
            if (cart.IsEmpty) state = JourneyLifecycle.Exit(context, state, trigger, ExitReason.CartEmptied);
            else if (state.StateOf(trigger.Name).IsRunning) state = JourneyLifecycle.PushOut(state, trigger, context.Now);
            else if (isActivity) state = JourneyLifecycle.Enter(context, state, trigger);
        }
        return state;
    }

    public static bool IsCartEvent(Touchpoint touchpoint) =>
        touchpoint is CartItemAdded or CartItemRemoved or CartViewed or CartCleared or CheckoutStarted;
}
