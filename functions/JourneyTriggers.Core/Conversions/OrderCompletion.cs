using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Conversions;

/// <summary>
/// An order ends every cart and browse journey and empties the cart; then, once per order id, it is
/// credited as a conversion (exit first, conversion second: cause before consequence).
/// </summary>
internal static class OrderCompletion
{
    public static CustomerState Completed(DecisionContext context, CustomerState state, OrderCompleted order)
    {
        if (state.Orders.Contains(order.OrderId)) return state;
        state = state with
        {
            Orders = state.Orders.Record(order.OrderId),
            Cart = Cart.Empty,
            Browse = state.Browse.Reset(),
            Seen = context.SeenOf(state),
            Clocks = state.Clocks with
            {
                LastOrder = ActivityClocks.Later(state.Clocks.LastOrder, order.Timestamp),
                LastSeen = context.LastSeenOf(state.Clocks),
            },
        };
        foreach (var trigger in context.Triggers.Cart)
            state = JourneyLifecycle.Exit(context, state, trigger, ExitReason.OrderCompleted);
        foreach (var trigger in context.Triggers.Browse)
            state = JourneyLifecycle.Exit(context, state, trigger, ExitReason.OrderCompleted);

        if (Attribution.CreditFor(state.Ledger, order.Timestamp) is { } credited)
            context.Emit(new RecordConversion(context.Now, state.Identity, credited.Path, credited.Channel, credited.MessageId,
                order.OrderId, order.Revenue, order.Currency, credited.Holdout));
        return state;
    }
}
