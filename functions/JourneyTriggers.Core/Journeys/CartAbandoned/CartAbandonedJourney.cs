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
    public static void Apply(DecisionContext context, CustomerDraft customer, Touchpoint cartEvent)
    {
        if (customer.LastOrder is { } lastOrder && cartEvent.Timestamp <= lastOrder) return;

        var cart = cartEvent switch
        {
            CartItemAdded added => customer.Cart.Add(added.Product, added.Quantity),
            CartItemRemoved removed => customer.Cart.Remove(removed.Sku, removed.Quantity),
            CartCleared => Cart.Empty,
            CartViewed or CheckoutStarted => customer.Cart,
            _ => throw new ArgumentException($"{cartEvent.TypeName} is not a cart event.", nameof(cartEvent)),
        };
        var isActivity = cartEvent is not CartCleared;
        customer.Cart = cart;
        if (isActivity) customer.LastCartActivity = ActivityClocks.Later(customer.LastCartActivity, cartEvent.Timestamp);
        if (cartEvent is CartItemAdded) customer.Browse = customer.Browse.Reset();

        if (isActivity)
            foreach (var browse in context.Triggers.Browse)
                JourneyLifecycle.Exit(context, customer, browse, ExitReason.CartActivity);

        foreach (var trigger in context.Triggers.Cart)
        {
            if (cart.IsEmpty) JourneyLifecycle.Exit(context, customer, trigger, ExitReason.CartEmptied);
            else if (customer.StateOf(trigger.Name).IsRunning) JourneyLifecycle.PushOut(customer, trigger, context.Now);
            else if (isActivity) JourneyLifecycle.Enter(context, customer, trigger);
        }
    }

    public static bool IsCartEvent(Touchpoint touchpoint) =>
        touchpoint is CartItemAdded or CartItemRemoved or CartViewed or CartCleared or CheckoutStarted;
}
