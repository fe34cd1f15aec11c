using System.Buffers;
using System.Text.Json;
using JourneyTriggers.Core.Touchpoints;
using NodaTime.Text;

namespace JourneyTriggers.Benchmarks.Generation;

/// <summary>
/// Writes touchpoints as NDJSON in the native format of DESIGN 4.1, one object per line, so the
/// stream the engine benchmark replays in memory is also a file that <c>simulate</c> can read.
/// </summary>
public sealed class NativeJsonWriter : IDisposable
{
    const int FlushThreshold = 1 << 20;

    readonly Stream output;
    readonly ArrayBufferWriter<byte> buffer = new(FlushThreshold * 2);
    readonly Utf8JsonWriter json;

    public NativeJsonWriter(Stream output)
    {
        this.output = output;
        // One writer over one buffer for the whole file: no per-line allocation of either.
        json = new Utf8JsonWriter(buffer);
    }

    public void Write(Touchpoint touchpoint)
    {
        WriteObject(json, touchpoint);
        json.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        json.Reset(buffer);
        if (buffer.WrittenCount >= FlushThreshold) Drain();
    }

    public void Dispose()
    {
        Drain();
        output.Flush();
        json.Dispose();
    }

    void Drain()
    {
        output.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }

    /// <summary>The envelope in the order of DESIGN 4.1, then the type's own properties.</summary>
    public static void WriteObject(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        json.WriteStartObject();
        json.WriteString("id", touchpoint.Id.Value);
        json.WriteString("type", touchpoint.TypeName);
        if (touchpoint.Customer.CustomerId is { } customerId) json.WriteString("customerId", customerId);
        if (touchpoint.Customer.AnonymousId is { } anonymousId) json.WriteString("anonymousId", anonymousId);
        // Whole seconds, so the general pattern gives exactly 2026-11-22T10:00:00Z.
        json.WriteString("timestamp", InstantPattern.General.Format(touchpoint.Timestamp));
        if (touchpoint.Source is { } source) json.WriteString("source", source);
        json.WriteStartObject("properties");
        WriteProperties(json, touchpoint);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void WriteProperties(Utf8JsonWriter json, Touchpoint touchpoint)
    {
        switch (touchpoint)
        {
            case ProductViewed view:
                WriteProduct(json, view.Product);
                break;
            case CartItemAdded added:
                WriteProduct(json, added.Product);
                json.WriteNumber("quantity", added.Quantity);
                break;
            case CartItemRemoved removed:
                json.WriteString("sku", removed.Sku);
                if (removed.Quantity is { } quantity) json.WriteNumber("quantity", quantity);
                break;
            case CheckoutStarted checkout:
                if (checkout.CartValue is { } value) json.WriteNumber("cartValue", value);
                if (checkout.Currency is { } currency) json.WriteString("currency", currency);
                break;
            case OrderCompleted order:
                json.WriteString("orderId", order.OrderId);
                json.WriteNumber("revenue", order.Revenue);
                if (order.Currency is { } orderCurrency) json.WriteString("currency", orderCurrency);
                break;
            case CustomerIdentified identified:
                WriteIfSet(json, "email", identified.Email);
                WriteIfSet(json, "firstName", identified.FirstName);
                WriteIfSet(json, "locale", identified.Locale);
                WriteIfSet(json, "timeZone", identified.TimeZone);
                WriteIfSet(json, "tier", identified.Tier);
                break;
            case ConsentUpdated consent:
                if (consent.Email is { } email) json.WriteBoolean("email", email);
                if (consent.Push is { } push) json.WriteBoolean("push", push);
                break;
            case PushRegistered registered:
                json.WriteString("installationId", registered.InstallationId);
                WriteIfSet(json, "platform", registered.Platform);
                WriteIfSet(json, "pushChannel", registered.PushChannel);
                break;
            case PushUnregistered unregistered:
                json.WriteString("installationId", unregistered.InstallationId);
                break;
            case MessageOpened opened:
                json.WriteString("messageId", opened.MessageId);
                break;
            case MessageClicked clicked:
                json.WriteString("messageId", clicked.MessageId);
                break;
            // cart.viewed, cart.cleared, session.started, app.opened: no properties.
        }
    }

    static void WriteProduct(Utf8JsonWriter json, ProductInfo product)
    {
        json.WriteString("sku", product.Sku);
        WriteIfSet(json, "name", product.Name);
        if (product.Price is { } price) json.WriteNumber("price", price);
        WriteIfSet(json, "currency", product.Currency);
        WriteIfSet(json, "url", product.Url);
        WriteIfSet(json, "imageUrl", product.ImageUrl);
    }

    static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
