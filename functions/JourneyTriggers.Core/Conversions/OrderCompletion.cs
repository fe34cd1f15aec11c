using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Conversions;

/// <summary>
/// An order ends every cart and browse journey and empties the cart; then, once per order id, it is
/// credited as a conversion (exit first, conversion second: cause before consequence), and the journey of the reminder
/// it is credited to is marked converted: its reminders in the ledger and, while it still runs, the run itself.
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
            MarkRunConverted(customer, credited);
        }
    }

    /// <summary>The credited reminder's run, when it still runs (an app journey an order does not end): its later reminders convert nothing.</summary>
    static void MarkRunConverted(CustomerDraft customer, SentMessage credited)
    {
        var trigger = credited.Path.Trigger;
        JourneyState? converted = customer.StateOf(trigger) switch
        {
            JourneyState.Armed { Run.Converted: false } armed when armed.Run.StartedAt == credited.JourneyStartedAt => armed with { Run = armed.Run with { Converted = true } },
            JourneyState.Deferred { Run.Converted: false } deferred when deferred.Run.StartedAt == credited.JourneyStartedAt => deferred with { Run = deferred.Run with { Converted = true } },
            _ => null,
        };
        if (converted is not null) customer.SetJourneyState(trigger, converted);
    }
}
