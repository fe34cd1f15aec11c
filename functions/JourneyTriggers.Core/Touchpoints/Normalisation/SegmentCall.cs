using System.Text.Json;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>One Segment spec call (track, identify, page, screen, alias, group), mapped onto our touchpoints.</summary>
internal static class SegmentCall
{
    static readonly string[] CallTypeNames = ["track", "identify", "page", "screen", "alias", "group"];

    public static IReadOnlyList<string> CallTypes => CallTypeNames;

    /// <summary>
    /// A Segment call names its call type, or, from hand-written clients that leave the type out, carries
    /// Segment's own fields next to a Segment id. Our format always has a <c>type</c> of its own.
    /// </summary>
    public static bool LooksLikeCall(JsonElement json)
    {
        if (json.TryGetProperty("type", out var type) && type.ValueKind != JsonValueKind.Null)
        {
            return type.ValueKind == JsonValueKind.String && IsCallType(type);
        }

        return HasAny(json, "event", "traits", "messageId") && HasAny(json, "userId", "anonymousId");
    }

    /// <param name="call">An object whose text has passed <see cref="UnicodeCheck"/>.</param>
    /// <param name="forcedType">The call type a route implies, which wins over the call's own.</param>
    public static TouchpointReading Read(JsonElement call, string? forcedType, Instant? now)
    {
        var reasons = new RejectionReasons();
        var root = JsonFields.Of(call, "", FieldPosition.Root, reasons);
        var callType = forcedType ?? CallType(root);

        // Segment's timestamp is the event time; SDKs that leave it out still send when they recorded and sent the call.
        var timestampName = root.FirstPresent("timestamp", "originalTimestamp", "sentAt");
        var timestamp = root.RequiredText(timestampName) is { } text ? Timestamps.Read(text, now) : null;

        var id = root.Has("messageId")
            ? root.Text("messageId")?.AsId()
            : SegmentCallId.Derive(call, callType, ignoreSentAt: timestampName != "sentAt");
        var customer = CustomerIds.Read(root, "userId", "anonymousId");
        var context = root.ObjectOrEmpty("context");
        var body = callType switch
        {
            null => null,
            "track" => SegmentTrack.Read(root),
            "identify" => Identified(root.ObjectOrEmpty("traits"), context),
            "page" or "screen" => PageOrScreen(root, callType),
            _ => h => new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, callType),
        };
        return new TouchpointDraft(id, customer, timestamp, SegmentSource.Guess(call), body).Conclude(reasons);
    }

    static string? CallType(JsonFields root)
    {
        if (root.Has("type"))
        {
            if (root.Text("type") is not { } type)
            {
                return null;
            }

            if (CallTypeNames.Contains(type.Value))
            {
                return type.Value;
            }

            type.Reject($"{type.Quoted} is not a Segment call type ({string.Join(", ", CallTypes)})");
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
    static TouchpointBody Identified(JsonFields traits, JsonFields context) =>
        IdentityBody.Read(
            email: [new(traits, "email")],
            firstName: [new(traits, "firstName"), new(traits, "first_name")],
            locale: [new(traits, "locale"), new(context, "locale")],
            timeZone: [new(traits, "timezone"), new(traits, "timeZone"), new(context, "timezone")],
            tier: [new(traits, "tier")]);

    // A page or screen is a product view only when it names the product; otherwise it is browsing we ignore.
    static TouchpointBody? PageOrScreen(JsonFields root, string callType)
    {
        var properties = root.ObjectOrEmpty("properties");
        return properties.Has("sku") || properties.Has("product_id")
            ? CommerceBodies.ProductViewed(properties, ProductFieldNames.Segment)
            : h => new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, callType);
    }

    // Compared in place: a native event's type would otherwise be decoded to a string just to be told apart.
    static bool IsCallType(JsonElement type)
    {
        foreach (var callType in CallTypeNames)
        {
            if (type.ValueEquals(callType))
            {
                return true;
            }
        }

        return false;
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
