using System.Text.Json;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>One Segment spec call (track, identify, page, screen, alias, group), mapped onto our touchpoints.</summary>
internal static class SegmentCall
{
    static readonly string[] CallTypeNames = ["track", "identify", "page", "screen", "alias", "group"];
    static readonly CommonValues CommonCallTypes = new(CallTypeNames);

    public static IReadOnlyList<string> CallTypes => CallTypeNames;

    /// <summary>
    /// A Segment call names its call type, or, from hand-written clients that leave the type out, carries
    /// Segment's own fields next to a Segment id. Our format always has a <c>type</c> of its own.
    /// </summary>
    public static bool LooksLikeCall(JsonElement json)
    {
        // Compared in place: a native event's type would otherwise be decoded to a string just to be told apart.
        if (json.TryGetProperty("type", out var type) && type.ValueKind != JsonValueKind.Null)
        {
            return type.ValueKind == JsonValueKind.String && CommonCallTypes.Find(type) is not null;
        }

        return HasAny(json, "event", "traits", "messageId") && HasAny(json, "userId", "anonymousId");
    }

    /// <param name="call">An object whose text has passed <see cref="UnicodeCheck"/>.</param>
    /// <param name="forcedType">The call type a route implies, which wins over the call's own.</param>
    public static TouchpointReading Read(JsonElement call, string? forcedType, Instant? now, EventReading reading)
    {
        var root = JsonFields.Of(reading, call, "", FieldPosition.Root);
        var callType = forcedType ?? CallType(root);

        // Segment's timestamp is the event time; SDKs that leave it out still send when they recorded and sent the call.
        var timestampName = root.FirstPresent("timestamp", "originalTimestamp", "sentAt");
        var timestamp = root.RequiredText(timestampName) is { } text ? Timestamps.Read(text, now) : null;

        var id = root.Has("messageId")
            ? root.Text("messageId")?.AsId()
            : SegmentCallId.Derive(call, callType, ignoreSentAt: timestampName != "sentAt");
        var customer = CustomerIds.Read(root, "userId", "anonymousId");
        var context = root.ObjectOrEmpty("context");
        var header = TouchpointHeader.Of(id, customer, timestamp, SegmentSource.Guess(call));
        var touchpoint = callType switch
        {
            null => null,
            "track" => SegmentTrack.Read(header, root),
            "identify" => Identified(header, root.ObjectOrEmpty("traits"), context),
            "page" or "screen" => PageOrScreen(header, root, callType),
            _ => header is { } h ? new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, callType) : null,
        };
        return ReadingConclusion.Of(id, customer, touchpoint, reading.Reasons);
    }

    static string? CallType(JsonFields root)
    {
        if (root.Has("type"))
        {
            if (root.Text("type", CommonCallTypes) is not { } type)
            {
                return null;
            }

            var value = type.Value;
            if (CallTypeNames.Contains(value))
            {
                return value;
            }

            type.Reject($"{ValueText.Quoted(value)} is not a Segment call type ({string.Join(", ", CallTypes)})");
            return null;
        }

        if (root.Has("event"))
        {
            return "track";
        }

        if (root.Has("traits"))
        {
            return "identify";
        }

        root.Missing("type");
        return null;
    }

    // Traits win over context: context is what the SDK observed on the device, traits what the storefront says.
    static Touchpoint? Identified(TouchpointHeader? header, JsonFields traits, JsonFields context) =>
        IdentityBody.Read(
            header,
            email: [new(traits, "email")],
            firstName: [new(traits, "firstName"), new(traits, "first_name")],
            locale: [new(traits, "locale"), new(context, "locale")],
            timeZone: [new(traits, "timezone"), new(traits, "timeZone"), new(context, "timezone")],
            tier: [new(traits, "tier")]);

    // A page or screen is a product view only when it names the product; otherwise it is browsing we ignore.
    static Touchpoint? PageOrScreen(TouchpointHeader? header, JsonFields root, string callType)
    {
        var properties = root.ObjectOrEmpty("properties");
        if (properties.Has("sku") || properties.Has("product_id"))
        {
            return CommerceBodies.ProductViewed(header, properties, ProductFieldNames.Segment);
        }

        return header is { } h ? new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, callType) : null;
    }

    static bool HasAny(JsonElement json, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }
        }

        return false;
    }
}
