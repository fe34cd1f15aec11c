namespace JourneyTriggers.Application.Messages;

/// <summary>
/// How reminders are rendered and linked. A plain settable class so a host can bind it from
/// configuration (section "Messages").
/// </summary>
public sealed class MessageOptions
{
    /// <summary>This service's public address; unsubscribe links point at <c>{PublicBaseUrl}/unsubscribe</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The storefront page that refills the cart from <c>?items=SKU:QTY,…</c>.</summary>
    public string CartRestoreUrl { get; set; } = "https://shop.example/cart/restore";

    /// <summary>Where a reminder with no cart and no viewed product sends the customer (inactive app user).</summary>
    public string StorefrontUrl { get; set; } = "https://shop.example/";

    /// <summary>Files here with the same relative path as a shipped template win over it; null for none.</summary>
    public string? TemplateOverridesDirectory { get; set; }

    /// <summary>Base64 HMAC key, at least 32 bytes; the host generates one on first start and keeps it.</summary>
    public string? UnsubscribeSigningKey { get; set; }

    /// <summary>How long an unsubscribe link keeps working after the message is sent.</summary>
    public TimeSpan UnsubscribeTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>The shop's name as the customer knows it: shown in every email's header and footer.</summary>
    public string SenderName { get; set; } = "Shop Example";

    /// <summary>The code the incentive template offers (<c>{{ offer_code }}</c>).</summary>
    public string OfferCode { get; set; } = "COMEBACK10";
}
