using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Conversions;

/// <summary>
/// An order ends every cart and browse journey and empties the cart; then, once per order id, it is
/// credited as a conversion (exit first, conversion second: cause before consequence), and the journey of the reminder
/// it is credited to is marked converted: its reminders in the ledger and, while it still runs, the run itself. An order
/// no reminder's window holds is kept uncredited for a merge to credit.
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
            Credit(context, customer, order.OrderId, order.Revenue, order.Currency, credited);
        else
            // Kept as placed no later than it arrived: a live host takes timestamps up to 24 h ahead of its clock, and a
            // reminder sent after the order came in must not be credited with it at a merge.
            customer.Orders = customer.Orders.WithUncredited(
                new UncreditedOrder(order.OrderId, Instant.Min(order.Timestamp, context.Now), order.Revenue, order.Currency), KeptSince(context));
    }

    /// <summary>
    /// A merge credits the orders either side placed with no reminder's window around them, now that the merged ledger holds
    /// both sides' reminders (the conversion rule of DESIGN 4.3.1, applied to the customer the two ids turned out to be). Runs
    /// after the merge settled the journeys those orders end: exit first, conversion second.
    /// </summary>
    public static void CreditAcrossTheMerge(DecisionContext context, CustomerDraft merged)
    {
        merged.Orders = merged.Orders.KeptSince(KeptSince(context));
        foreach (var order in merged.Orders.Uncredited)
            if (Attribution.CreditFor(merged.Ledger, order.At, context.Now) is { } credited)
            {
                Credit(context, merged, order.OrderId, order.Revenue, order.Currency, credited);
                merged.Orders = merged.Orders.Credited(order);
            }
    }

    static Instant KeptSince(DecisionContext context) => context.Now - context.Triggers.UncreditedOrdersKept;

    /// <summary>The order credited to the reminder, and that reminder's journey marked converted.</summary>
    static void Credit(DecisionContext context, CustomerDraft customer, string orderId, decimal revenue, string? currency, SentMessage credited)
    {
        context.Emit(new RecordConversion(context.Now, customer.Identity, credited.Path, credited.Channel, credited.MessageId,
            orderId, revenue, currency, credited.Holdout));
        customer.Ledger = customer.Ledger.WithConverted(credited.MessageId);
        MarkRunConverted(customer, credited);
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
