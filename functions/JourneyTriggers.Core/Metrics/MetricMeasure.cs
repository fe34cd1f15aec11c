namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// What a tally row counts. Each measure names which key dimensions it fills (DESIGN 4.7); the
/// report reads the rows back by these. Wire names are stable: stored tallies outlive releases.
/// </summary>
public enum MetricMeasure
{
    /// <summary>
    /// A cart got its first line, or activity on a cart left standing started a new cart journey (no trigger): the
    /// abandonment rate's denominator.
    /// </summary>
    CartStarted,
    /// <summary>Funnel stages: accepted (not duplicate) touchpoints of that type; orders carry their revenue.</summary>
    ProductViewed,
    CartItemAdded,
    CheckoutStarted,
    OrderCompleted,
    /// <summary>Trigger and group.</summary>
    JourneyEntered,
    /// <summary>Trigger and reason.</summary>
    JourneyExited,
    /// <summary>A step came due (deferred, sent, suppressed or skipped): trigger, step, branch, variant, group. Step 1 due = abandoned.</summary>
    StepDue,
    /// <summary>Trigger, step, branch, variant, channel; group treated.</summary>
    MessageSent,
    /// <summary>Trigger, step, branch, variant, group.</summary>
    MessageDeferred,
    /// <summary>Trigger, step, branch, variant, group, reason, and channel for holdout stand-ins.</summary>
    MessageSuppressed,
    /// <summary>Trigger, step, group; reason no_matching_branch.</summary>
    StepSkipped,
    /// <summary>Provider outcomes (live hosts only): trigger, step, branch, variant, channel.</summary>
    MessageDelivered,
    MessageFailed,
    MessageUnknown,
    /// <summary>message.opened and message.clicked touchpoints, credited to the reminder they name (or to no trigger when it is not in the ledger).</summary>
    MessageOpened,
    MessageClicked,
    /// <summary>An attributed order: trigger, step, branch, variant, channel, group; amount = revenue.</summary>
    Conversion,
    /// <summary>An input the engine or the reader refused (no trigger).</summary>
    EventRejected,
    /// <summary>
    /// A journey's first credited order, keyed as <see cref="Conversion"/> (the reminder or stand-in it is credited to): the
    /// conversion rate's numerator, since one journey's reminders may be credited with several orders.
    /// </summary>
    ReminderConverted,
}

public static class MetricMeasureNames
{
    static readonly MetricMeasure[] All = Enum.GetValues<MetricMeasure>();

    public static string ToWire(this MetricMeasure measure) => measure switch
    {
        MetricMeasure.CartStarted => "cart_started",
        MetricMeasure.ProductViewed => "product_viewed",
        MetricMeasure.CartItemAdded => "cart_item_added",
        MetricMeasure.CheckoutStarted => "checkout_started",
        MetricMeasure.OrderCompleted => "order_completed",
        MetricMeasure.JourneyEntered => "journey_entered",
        MetricMeasure.JourneyExited => "journey_exited",
        MetricMeasure.StepDue => "step_due",
        MetricMeasure.MessageSent => "message_sent",
        MetricMeasure.MessageDeferred => "message_deferred",
        MetricMeasure.MessageSuppressed => "message_suppressed",
        MetricMeasure.StepSkipped => "step_skipped",
        MetricMeasure.MessageDelivered => "message_delivered",
        MetricMeasure.MessageFailed => "message_failed",
        MetricMeasure.MessageUnknown => "message_unknown",
        MetricMeasure.MessageOpened => "message_opened",
        MetricMeasure.MessageClicked => "message_clicked",
        MetricMeasure.Conversion => "conversion",
        MetricMeasure.EventRejected => "event_rejected",
        MetricMeasure.ReminderConverted => "reminder_converted",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };

    public static MetricMeasure? FromWire(string wire)
    {
        foreach (var measure in All)
            if (measure.ToWire() == wire) return measure;
        return null;
    }
}
