using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>Our own format (DESIGN 4.1), alone or as the data of a CloudEvent.</summary>
internal static class NativeTouchpoint
{
    /// <summary>Told apart in place: only a type we do not act on is kept, and so decoded.</summary>
    static readonly CommonValues Types = CommonValues.Of(
        ProductViewed.WireType, CartItemAdded.WireType, CartItemRemoved.WireType, CartViewed.WireType, CartCleared.WireType,
        CheckoutStarted.WireType, OrderCompleted.WireType, SessionStarted.WireType, AppOpened.WireType, CustomerIdentified.WireType,
        ConsentUpdated.WireType, PushRegistered.WireType, PushUnregistered.WireType, MessageOpened.WireType, MessageClicked.WireType);

    /// <summary>The sources DESIGN 4.1 names; any other is free text, kept as sent.</summary>
    static readonly CommonValues Sources = CommonValues.Of("web", "ios", "android");

    /// <param name="envelope">A CloudEvent's attributes, used where the touchpoint leaves id, type or timestamp out.</param>
    public static TouchpointReading Read(JsonFields root, Instant? now, CloudEventAttributes? envelope = null)
    {
        var id = Required(root, FieldName.Id, envelope, envelope?.Id, "id")?.AsId();
        var type = Required(root, FieldName.Type, envelope, envelope?.Type, "type", Types)?.AsId();
        var timestamp = Required(root, FieldName.Timestamp, envelope, envelope?.Time, "time") is { } text ? Timestamps.Read(text, now) : null;
        var customer = CustomerIds.Read(root, FieldName.CustomerId, FieldName.AnonymousId);
        var source = root.Text(FieldName.Source, Sources)?.Bounded(FieldLimits.Id);
        var touchpoint = type is null ? null : Body(type, root, TouchpointHeader.Of(id, customer, timestamp, source));
        return ReadingConclusion.Of(id, customer, touchpoint, root.Reasons);
    }

    // When neither the touchpoint nor its CloudEvent envelope has the field, say where else it could come from.
    static FieldText? Required(JsonFields root, FieldName field, CloudEventAttributes? envelope, FieldText? attribute, string attributeName, CommonValues? common = null)
    {
        if (envelope is not { } cloudEvent || attribute is not null || root.Has(field)) return root.RequiredText(field, attribute, common);
        root.Missing(field, cloudEvent.Missing(attributeName));
        return null;
    }

    static Touchpoint? Body(string type, JsonFields root, TouchpointHeader? header)
    {
        var properties = root.ObjectOrEmpty(FieldName.Properties);
        var names = ProductFieldNames.Native;
        return type switch
        {
            ProductViewed.WireType => CommerceBodies.ProductViewed(header, properties, names),
            CartItemAdded.WireType => CommerceBodies.ItemAdded(header, properties, names),
            CartItemRemoved.WireType => CommerceBodies.ItemRemoved(header, properties, names),
            CartViewed.WireType => header is { } h ? new CartViewed(h.Id, h.Customer, h.Timestamp, h.Source) : null,
            CartCleared.WireType => header is { } h ? new CartCleared(h.Id, h.Customer, h.Timestamp, h.Source) : null,
            CheckoutStarted.WireType => CommerceBodies.CheckoutStarted(header, properties, FieldName.CartValue),
            OrderCompleted.WireType => CommerceBodies.OrderCompleted(header, properties, FieldName.OrderId, FieldName.Revenue),
            SessionStarted.WireType => header is { } h ? new SessionStarted(h.Id, h.Customer, h.Timestamp, h.Source) : null,
            AppOpened.WireType => header is { } h ? new AppOpened(h.Id, h.Customer, h.Timestamp, h.Source) : null,
            CustomerIdentified.WireType => Identified(header, properties, root.ObjectOrEmpty(FieldName.Traits)),
            ConsentUpdated.WireType => ChannelBodies.ConsentUpdated(header, properties),
            PushRegistered.WireType => ChannelBodies.PushRegistered(header, properties),
            PushUnregistered.WireType => ChannelBodies.PushUnregistered(header, properties),
            MessageOpened.WireType => ChannelBodies.MessageOpened(header, properties),
            MessageClicked.WireType => ChannelBodies.MessageClicked(header, properties),
            _ => header is { } h ? new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, type) : null,
        };
    }

    // Storefronts that also speak Segment put identity under traits; properties win when both have a field.
    static Touchpoint? Identified(TouchpointHeader? header, JsonFields properties, JsonFields traits) =>
        IdentityBody.Read(
            header,
            email: [new(properties, FieldName.Email), new(traits, FieldName.Email)],
            firstName: [new(properties, FieldName.FirstName), new(traits, FieldName.FirstName)],
            locale: [new(properties, FieldName.Locale), new(traits, FieldName.Locale)],
            timeZone: [new(properties, FieldName.TimeZone), new(traits, FieldName.TimeZone)],
            tier: [new(properties, FieldName.Tier), new(traits, FieldName.Tier)]);
}
