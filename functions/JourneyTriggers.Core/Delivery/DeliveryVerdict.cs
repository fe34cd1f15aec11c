namespace JourneyTriggers.Core.Delivery;

/// <summary>
/// How the delivery of one reminder ended (DESIGN 4.6): taken by the provider, refused for good, or
/// interrupted where nobody can tell whether it arrived.
/// </summary>
public abstract record DeliveryVerdict
{
    DeliveryVerdict() { }

    /// <summary>The provider took it; its own id for it (several joined by commas for a push to several devices) when it gave one.</summary>
    public sealed record Delivered(string? ProviderMessageId) : DeliveryVerdict;

    /// <summary>Refused for good; <see cref="Reason"/> is the provider's.</summary>
    public sealed record Failed(string Reason) : DeliveryVerdict;

    /// <summary>It may have arrived; it is never sent again.</summary>
    public sealed record Unknown(string Reason) : DeliveryVerdict;
}
