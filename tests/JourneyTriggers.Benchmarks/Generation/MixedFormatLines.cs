using System.Text.Json;
using JourneyTriggers.Core.Touchpoints;
using NodaTime.Text;

namespace JourneyTriggers.Benchmarks.Generation;

/// <summary>
/// The synthetic stream as the collector meets it: half the events in our native format, a quarter as
/// Segment calls (what <c>@segment/analytics-node</c> and the browser SDK send: E-commerce v2 track
/// names, identify traits, a page per session, a messageId and the SDK's context) and a quarter as
/// structured CloudEvents whose data is the native event. Touchpoints Segment has no call for stay native.
/// </summary>
public static class MixedFormatLines
{
    public static List<byte[]> Build(IEnumerable<Touchpoint> touchpoints)
    {
        var lines = new List<byte[]>();
        var index = 0;
        foreach (var touchpoint in touchpoints)
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                switch (index++ % 4)
                {
                    case 2 when WriteSegment(json, touchpoint):
                        break;
                    case 3:
                        WriteCloudEvent(json, touchpoint);
                        break;
                    default:
                        NativeJsonWriter.WriteObject(json, touchpoint);
                        break;
                }
            }
            lines.Add(buffer.ToArray());
        }
        return lines;
    }

    static void WriteCloudEvent(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        json.WriteStartObject();
        json.WriteString("specversion", "1.0");
        json.WriteString("id", touchpoint.Id.Value);
        json.WriteString("source", "https://shop.example/storefront");
        json.WriteString("type", "com.example.storefront.touchpoint");
        json.WriteString("time", InstantPattern.General.Format(touchpoint.Timestamp));
        json.WriteString("datacontenttype", "application/json");
        json.WritePropertyName("data");
        NativeJsonWriter.WriteObject(json, touchpoint);
        json.WriteEndObject();
    }

    /// <summary>Segment's names for our native property names, where they differ (E-commerce v2).</summary>
    static readonly Dictionary<string, string> SegmentNames = new()
    {
        ["imageUrl"] = "image_url", ["orderId"] = "order_id", ["cartValue"] = "value", ["timeZone"] = "timezone",
    };

    /// <summary>False, with nothing written, for a touchpoint Segment's spec has no call for.</summary>
    static bool WriteSegment(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        var (call, name) = touchpoint switch
        {
            ProductViewed => ("track", "Product Viewed"),
            CartItemAdded => ("track", "Product Added"),
            CartItemRemoved => ("track", "Product Removed"),
            CheckoutStarted => ("track", "Checkout Started"),
            OrderCompleted => ("track", "Order Completed"),
            AppOpened => ("track", "Application Opened"),
            CartViewed => ("track", "Cart Viewed"),
            SessionStarted => ("page", null),
            CustomerIdentified => ("identify", null),
            _ => (null, null),
        };
        if (call is null) return false;

        json.WriteStartObject();
        json.WriteString("type", call);
        if (name is not null) json.WriteString("event", name);
        if (call == "page") json.WriteString("name", "Home");
        json.WriteString("messageId", touchpoint.Id.Value);
        if (touchpoint.Customer.CustomerId is { } customerId) json.WriteString("userId", customerId);
        if (touchpoint.Customer.AnonymousId is { } anonymousId) json.WriteString("anonymousId", anonymousId);
        json.WriteString("timestamp", InstantPattern.General.Format(touchpoint.Timestamp));
        WriteContext(json, touchpoint.Source);
        json.WriteStartObject(call == "identify" ? "traits" : "properties");
        WriteRenamedProperties(json, touchpoint);
        json.WriteEndObject();
        json.WriteEndObject();
        return true;
    }

    /// <summary>The native properties under Segment's names; a product is named by product_id as well as sku, as SDK users do.</summary>
    static void WriteRenamedProperties(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        var native = new MemoryStream();
        using (var writer = new Utf8JsonWriter(native)) NativeJsonWriter.WriteObject(writer, touchpoint);
        using var document = JsonDocument.Parse(native.ToArray());
        foreach (var property in document.RootElement.GetProperty("properties").EnumerateObject())
        {
            if (property.Name == "sku" && touchpoint is ProductViewed or CartItemAdded) json.WriteString("product_id", property.Value.GetString());
            json.WritePropertyName(SegmentNames.GetValueOrDefault(property.Name, property.Name));
            property.Value.WriteTo(json);
        }
    }

    static void WriteContext(Utf8JsonWriter json, string? source)
    {
        json.WriteStartObject("context");
        json.WriteStartObject("library");
        json.WriteString("name", source is "ios" ? "analytics-swift" : source is "android" ? "analytics-kotlin" : "analytics-next");
        json.WriteString("version", "1.70.0");
        json.WriteEndObject();
        if (source is "ios" or "android")
        {
            json.WriteStartObject("device");
            json.WriteString("type", source);
            json.WriteEndObject();
        }
        json.WriteString("locale", "th-TH");
        json.WriteString("userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)");
        json.WriteEndObject();
    }
}
