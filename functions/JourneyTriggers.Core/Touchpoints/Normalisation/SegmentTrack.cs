namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Segment track calls named by the E-commerce v2 spec, matched ignoring case because SDK users write the names
/// by hand. Any other event name is accepted and ignored downstream.
/// </summary>
internal static class SegmentTrack
{
    /// <summary>
    /// The names below, recognised in place whatever the case of their ASCII letters, so only a name we ignore
    /// is decoded; a name with other letters or escapes is decoded and lower-cased as before.
    /// </summary>
    static readonly CommonValues Names = new(
        ["product viewed", "product added", "product removed", "cart viewed", "checkout started", "order completed", "application opened"],
        ignoreAsciiCase: true);

    public static Touchpoint? Read(TouchpointHeader? header, JsonFields root)
    {
        if (root.RequiredText(FieldName.Event, common: Names)?.AsId() is not { } name)
        {
            return null;
        }

        var properties = root.ObjectOrEmpty(FieldName.Properties);
        var names = ProductFieldNames.Segment;
        return name.ToLowerInvariant() switch
        {
            "product viewed" => CommerceBodies.ProductViewed(header, properties, names),
            "product added" => CommerceBodies.ItemAdded(header, properties, names),
            "product removed" => CommerceBodies.ItemRemoved(header, properties, names),
            "cart viewed" => header is { } h ? new CartViewed(h.Id, h.Customer, h.Timestamp, h.Source) : null,
            "checkout started" => CommerceBodies.CheckoutStarted(header, properties, FieldName.SegmentValue, FieldName.Revenue),
            "order completed" => CommerceBodies.OrderCompleted(header, properties, FieldName.SegmentOrderId, FieldName.Revenue, FieldName.SegmentTotal),
            "application opened" => header is { } h ? new AppOpened(h.Id, h.Customer, h.Timestamp, h.Source) : null,
            _ => header is { } h ? new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, name) : null,
        };
    }
}
