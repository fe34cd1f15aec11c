using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Conversions;

/// <summary>
/// An order ends every cart and browse journey and empties the cart; then, once per order id, it is
/// credited as a conversion (exit first, conversion second: cause before consequence), and the reminder it is credited
/// to is marked converted.
/// </summary>
internal static class OrderCompletion
{
    public static void Completed(DecisionContext context, CustomerDraft customer, OrderCompleted order)
    {
        if (customer.Orders.Contains(order.OrderId)) return;
        customer.Orders = customer.Orders.Record(order.OrderId);
        customer.Cart = Cart.Empty;
        customer.Browse = customer.Browse.Reset();
        customer.LastOrder = ActivityClocks.Later(customer.LastOrder, order.Timestamp);
        foreach (var trigger in context.Triggers.Cart)
            JourneyLifecycle.Exit(context, customer, trigger, ExitReason.OrderCompleted);
        foreach (var trigger in context.Triggers.Browse)
            JourneyLifecycle.Exit(context, customer, trigger, ExitReason.OrderCompleted);

        if (Attribution.CreditFor(customer.Ledger, order.Timestamp) is { } credited)
        {
            context.Emit(new RecordConversion(context.Now, customer.Identity, credited.Path, credited.Channel, credited.MessageId,
                order.OrderId, order.Revenue, order.Currency, credited.Holdout));
            customer.Ledger = customer.Ledger.WithConverted(credited.MessageId);
        }
    }
}
