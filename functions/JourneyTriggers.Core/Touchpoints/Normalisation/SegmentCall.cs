using System.Text.Json;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>One Segment spec call (track, identify, page, screen, alias, group), mapped onto our touchpoints.</summary>
internal static class SegmentCall
{
    static readonly string[] CallTypeNames = ["track", "identify", "page", "screen", "alias", "group"];
    static readonly CommonValues CommonCallTypes = new(CallTypeNames);
    static readonly byte[][] CallTypeUtf8 = [.. CallTypeNames.Select(System.Text.Encoding.UTF8.GetBytes)];

    public static IReadOnlyList<string> CallTypes => CallTypeNames;

    /// <summary>
    /// A Segment call names its call type, or, from hand-written clients that leave the type out, carries
    /// Segment's own fields next to a Segment id. Our format always has a <c>type</c> of its own.
    /// </summary>
    public static bool LooksLikeCall(JsonFields root)
    {
        // Compared in place: a native event's type would otherwise be decoded to a string just to be told apart.
        if (root.Find(FieldName.Type) is { } type)
        {
            return type.ValueKind == JsonValueKind.String && (CommonCallTypes.Find(type) is not null
                || (IsCallTypeInOtherCase(type) && HasAny(root, FieldName.UserId, FieldName.Event, FieldName.Traits, FieldName.MessageId)));
        }

        return HasAny(root, FieldName.Event, FieldName.Traits, FieldName.MessageId) && HasAny(root, FieldName.UserId, FieldName.AnonymousId);
    }

    /// <summary>
    /// "Track" or "IDENTIFY" beside Segment's own fields: a Segment call with its type in the wrong case, read as one so
    /// that its rejection names the type rather than the native fields it lacks. A native event whose unknown type is
    /// "Page" carries none of those fields, and stays an unknown type, accepted and ignored.
    /// </summary>
    static bool IsCallTypeInOtherCase(JsonElement type)
    {
        if (!RawJsonText.TryGetUnescaped(type, out var utf8) || utf8.Length > 8) return false;
        foreach (var name in CallTypeUtf8)
            if (System.Text.Ascii.EqualsIgnoreCase(utf8, name)) return true;
        return false;
    }

    /// <param name="root">The call, opened as the root of its reading.</param>
    /// <param name="forcedType">The call type a route implies, which wins over the call's own.</param>
    public static TouchpointReading Read(JsonFields root, string? forcedType, Instant? now)
    {
        var call = root.Json;
        var callType = forcedType ?? CallType(root);

        // Segment's timestamp is the event time; SDKs that leave it out still send when they recorded and sent the call.
        var timestampName = root.FirstPresent(FieldName.Timestamp, FieldName.OriginalTimestamp, FieldName.SentAt);
        // Only a live host corrects the device's clock; a call Segment itself received (an export, a webhook or a forward
        // carry receivedAt) was corrected there already.
        var sentAt = now is not null && call.TryGetProperty(FieldName.SentAt.Text, out var sent) && !call.TryGetProperty("receivedAt"u8, out _) ? sent : default;
        var timestamp = root.RequiredText(timestampName) is { } text ? Timestamps.ReadCorrected(text, sentAt, now) : null;

        var id = root.Has(FieldName.MessageId)
            ? root.Text(FieldName.MessageId)?.AsId()
            : SegmentCallId.Derive(call, callType, ignoreSentAt: timestampName != FieldName.SentAt);
        var customer = CustomerIds.Read(root, FieldName.UserId, FieldName.AnonymousId);
        var context = root.ObjectOrEmpty(FieldName.Context);
        var header = TouchpointHeader.Of(id, customer, timestamp, SegmentSource.Guess(call));
        var touchpoint = callType switch
        {
            null => null,
            "track" => SegmentTrack.Read(header, root),
            "identify" => Identified(header, root.ObjectOrEmpty(FieldName.Traits), context),
            "page" or "screen" => PageOrScreen(header, root, callType),
            _ => header is { } h ? new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, callType) : null,
        };
        return ReadingConclusion.Of(id, customer, touchpoint, root.Reasons);
    }

    static string? CallType(JsonFields root)
    {
        if (root.Has(FieldName.Type))
        {
            if (root.Text(FieldName.Type, CommonCallTypes) is not { } type)
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

        if (root.Has(FieldName.Event))
        {
            return "track";
        }

        if (root.Has(FieldName.Traits))
        {
            return "identify";
        }

        root.Missing(FieldName.Type);
        return null;
    }

    // Traits win over context: context is what the SDK observed on the device, traits what the storefront says.
    static Touchpoint? Identified(TouchpointHeader? header, JsonFields traits, JsonFields context) =>
        IdentityBody.Read(
            header,
            email: [new(traits, FieldName.Email)],
            firstName: [new(traits, FieldName.FirstName), new(traits, FieldName.SegmentFirstName)],
            locale: [new(traits, FieldName.Locale), new(context, FieldName.Locale)],
            timeZone: [new(traits, FieldName.SegmentTimezone), new(traits, FieldName.TimeZone), new(context, FieldName.SegmentTimezone)],
            tier: [new(traits, FieldName.Tier)]);

    // A page or screen is a product view only when it names the product; otherwise it is browsing we ignore.
    static Touchpoint? PageOrScreen(TouchpointHeader? header, JsonFields root, string callType)
    {
        var properties = root.ObjectOrEmpty(FieldName.Properties);
        if (properties.Has(FieldName.Sku) || properties.Has(FieldName.SegmentProductId))
        {
            return CommerceBodies.ProductViewed(header, properties, ProductFieldNames.Segment);
        }

        return header is { } h ? new UnrecognisedTouchpoint(h.Id, h.Customer, h.Timestamp, h.Source, callType) : null;
    }

    static bool HasAny(JsonFields root, params ReadOnlySpan<FieldName> names)
    {
        foreach (var name in names)
        {
            if (root.Has(name))
            {
                return true;
            }
        }

        return false;
    }
}
