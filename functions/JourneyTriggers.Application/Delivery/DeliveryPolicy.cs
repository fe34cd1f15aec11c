using JourneyTriggers.Application.Processing;
using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>How long and how often a message the provider did not take is tried again.</summary>
public sealed record DeliveryPolicy(int MaxAttempts, Duration FirstRetry, Duration MaxRetry)
{
    public static readonly DeliveryPolicy Default = new(5, Duration.FromSeconds(30), Duration.FromHours(1));

    /// <summary>Doubling from <see cref="FirstRetry"/> after each attempt, never beyond <see cref="MaxRetry"/>; the provider's hint when it asks for longer.</summary>
    public Duration RetryDelay(int attempts, Duration? retryAfter)
    {
        var delay = Duration.FromTimeSpan(Backoff.Delay(FirstRetry.ToTimeSpan(), attempts, MaxRetry.ToTimeSpan()));
        return retryAfter is { } hint && hint > delay ? hint : delay;
    }
}
