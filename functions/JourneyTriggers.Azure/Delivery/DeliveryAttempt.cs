using JourneyTriggers.Core.Delivery;
using NodaTime;

namespace JourneyTriggers.Azure.Delivery;

/// <summary>Where one attempt left a reminder: settled with its verdict, or waiting on its provider until an instant.</summary>
internal abstract record DeliveryAttempt
{
    DeliveryAttempt() { }

    public sealed record Settled(DeliveryReport Report) : DeliveryAttempt;

    /// <summary>The provider did not take it and is not to be asked again before <see cref="Until"/> (back-off, Retry-After).</summary>
    public sealed record Waiting(Instant Until) : DeliveryAttempt;
}
