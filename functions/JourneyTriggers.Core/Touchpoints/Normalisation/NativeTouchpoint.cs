using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>Our own format (DESIGN 4.1), alone or as the data of a CloudEvent.</summary>
internal static class NativeTouchpoint
{
    /// <param name="envelope">A CloudEvent's attributes, used where the touchpoint leaves id, type or timestamp out.</param>
    public static TouchpointReading Read(JsonFields root, Instant? now, CloudEventAttributes? envelope = null)
    {
        var id = root.RequiredText("id", envelope?.Id)?.AsId();
        var type = root.RequiredText("type", envelope?.Type)?.AsId();
        var timestamp = root.RequiredText("timestamp", envelope?.Time) is { } text ? Timestamps.Read(text, now) : null;
        var customer = CustomerIds.Read(root, "customerId", "anonymousId");
        var source = root.Text("source")?.Bounded(FieldLimits.Id);
        var body = type is null ? null : Body(type, root);
        return new TouchpointDraft(id, customer, timestamp, source, body).Conclude(root.Reasons);
    }

    static TouchpointBody? Body(string type, JsonFields root)
    {
        var properties = root.ObjectOrEmpty("properties");
        var names = ProductFieldNames.Native;
        return type switch
        {
            ProductViewed.WireType => CommerceBodies.ProductViewed(properties, names),
            CartItemAdded.WireType => CommerceBodies.ItemAdded(properties, names),
            CartItemRemoved.WireType => CommerceBodies.ItemRemoved(properties, names),
            CartViewed.WireType => h => new CartViewed(h.Id, h.Customer, h.Timestamp, h.Source),
            CartCleared.WireType => h => new CartCleared(h.Id, h.Customer, h.Timestamp, h.Source),
            CheckoutStarted.WireType => CommerceBodies.CheckoutStarted(properties, "cartValue"),
            OrderCompleted.WireType => CommerceBodies.OrderCompleted(properties, "orderId", "revenue"),
            SessionStarted.WireType => h => new SessionStarted(h.Id, h.Customer, h.Timestamp, h.Source),
            AppOpened.WireType => h => new AppOpened(h.Id, h.Customer, h.Timestamp, h.Source),
            CustomerIdentified.WireType => Identified(properties, root.ObjectOrEmpty("traits")),
            ConsentUpdated.WireType => ChannelBodies.ConsentUpdated(properties),
            PushRegistered.WireType => ChannelBodies.PushRegistered(properties),
            PushUnregistered.WireType => ChannelBodies.PushUnregistered(properties),
            MessageOpened.WireType => ChannelBodies.MessageOpened(properties),
            MessageClicked.WireType => ChannelBodies.MessageClicked(properties),
            _ => h => new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, type),
        };
    }

    // Storefronts that also speak Segment put identity under traits; properties win when both have a field.
    static TouchpointBody Identified(JsonFields properties, JsonFields traits)
    {
        FieldRef[] Either(string name) => [new(properties, name), new(traits, name)];
        return IdentityBody.Read(Either("email"), Either("firstName"), Either("locale"), Either("timeZone"), Either("tier"));
    }
}
