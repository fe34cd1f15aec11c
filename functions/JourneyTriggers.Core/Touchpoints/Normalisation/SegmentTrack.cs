namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Segment track calls named by the E-commerce v2 spec, matched ignoring case because SDK users write the names
/// by hand. Any other event name is accepted and ignored downstream.
/// </summary>
internal static class SegmentTrack
{
    public static TouchpointBody? Read(JsonFields root)
    {
        if (root.RequiredText("event")?.AsId() is not { } name)
        {
            return null;
        }

        var properties = root.ObjectOrEmpty("properties");
        var names = ProductFieldNames.Segment;
        return name.ToLowerInvariant() switch
        {
            "product viewed" => CommerceBodies.ProductViewed(properties, names),
            "product added" => CommerceBodies.ItemAdded(properties, names),
            "product removed" => CommerceBodies.ItemRemoved(properties, names),
            "cart viewed" => h => new CartViewed(h.Id, h.Customer, h.Timestamp, h.Source),
            "checkout started" => CommerceBodies.CheckoutStarted(properties, "value", "revenue"),
            "order completed" => CommerceBodies.OrderCompleted(properties, "order_id", "revenue", "total"),
            "application opened" => h => new AppOpened(h.Id, h.Customer, h.Timestamp, h.Source),
            _ => h => new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, name),
        };
    }
}
