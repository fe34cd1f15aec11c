using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// A read touchpoint written back in our native format (DESIGN 4.1), whatever format it arrived in, so that
/// <see cref="TouchpointNormaliser.Read"/> gives back an equal touchpoint. The Azure collector forwards
/// this form to Event Hubs: the Touchpoints function then reads exactly what the collector validated, with
/// the same ids (a Segment call's derived id, a CloudEvent's envelope id) it answered with.
/// </summary>
public static class NativeTouchpointJson
{
    /// <summary>Thai and every other script stay as they are: this is not HTML, and escaping triples its size.</summary>
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Per event on the collector's path: a reused buffer and writer, so only the bytes are allocated.</summary>
    public static byte[] Serialize(Touchpoint touchpoint) =>
        ReusedJsonWriter<Touchpoint>.ToArray(Options, touchpoint, static (json, touchpoint) => Write(json, touchpoint));

    public static void Write(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, touchpoint.Id.Value);
        json.WriteString("type"u8, touchpoint.TypeName);
        Optional(json, "customerId"u8, touchpoint.Customer.CustomerId);
        Optional(json, "anonymousId"u8, touchpoint.Customer.AnonymousId);
        WireInstants.Write(json, "timestamp"u8, touchpoint.Timestamp);
        Optional(json, "source"u8, touchpoint.Source);
        json.WriteStartObject("properties"u8);
        WriteProperties(json, touchpoint);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void WriteProperties(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        switch (touchpoint)
        {
            case ProductViewed viewed:
                Product(json, viewed.Product);
                break;
            case CartItemAdded added:
                Product(json, added.Product);
                json.WriteNumber("quantity"u8, added.Quantity);
                break;
            case CartItemRemoved removed:
                json.WriteString("sku"u8, removed.Sku);
                if (removed.Quantity is { } quantity) json.WriteNumber("quantity"u8, quantity);
                break;
            case CheckoutStarted checkout:
                if (checkout.CartValue is { } cartValue) json.WriteNumber("cartValue"u8, cartValue);
                Optional(json, "currency"u8, checkout.Currency);
                break;
            case OrderCompleted order:
                json.WriteString("orderId"u8, order.OrderId);
                json.WriteNumber("revenue"u8, order.Revenue);
                Optional(json, "currency"u8, order.Currency);
                break;
            case CustomerIdentified identified:
                Optional(json, "email"u8, identified.Email);
                Optional(json, "firstName"u8, identified.FirstName);
                Optional(json, "locale"u8, identified.Locale);
                Optional(json, "timeZone"u8, identified.TimeZone);
                Optional(json, "tier"u8, identified.Tier);
                break;
            case ConsentUpdated consent:
                if (consent.Email is { } email) json.WriteBoolean("email"u8, email);
                if (consent.Push is { } push) json.WriteBoolean("push"u8, push);
                break;
            case PushRegistered registered:
                json.WriteString("installationId"u8, registered.InstallationId);
                Optional(json, "platform"u8, registered.Platform);
                Optional(json, "pushChannel"u8, registered.PushChannel);
                break;
            case PushUnregistered unregistered:
                json.WriteString("installationId"u8, unregistered.InstallationId);
                break;
            case MessageOpened opened:
                json.WriteString("messageId"u8, opened.MessageId);
                break;
            case MessageClicked clicked:
                json.WriteString("messageId"u8, clicked.MessageId);
                break;
            case CartViewed or CartCleared or SessionStarted or AppOpened or UnrecognisedTouchpoint:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(touchpoint), touchpoint.GetType().Name, "A touchpoint type without a native form.");
        }
    }

    static void Product(Utf8JsonWriter json, ProductInfo product)
    {
        json.WriteString("sku"u8, product.Sku);
        Optional(json, "name"u8, product.Name);
        if (product.Price is { } price) json.WriteNumber("price"u8, price);
        Optional(json, "currency"u8, product.Currency);
        Optional(json, "url"u8, product.Url);
        Optional(json, "imageUrl"u8, product.ImageUrl);
    }

    static void Optional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
