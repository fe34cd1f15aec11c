using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>Customer changes as the application pipeline hands them to a store.</summary>
internal static class Changes
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);

    /// <summary>A state told apart from others by its timer counter.</summary>
    public static CustomerState Version(ProfileKey key, long n) => CustomerState.New(key.Owner) with { NextTimerToken = n };

    public static CustomerChange Change(ProfileKey key, long version, string? etag, IReadOnlyList<Effect>? effects = null, IReadOnlyList<OutboundMessage>? messages = null) =>
        new(key, Version(key, version), etag, effects ?? [], messages ?? []);

    public static ArmTimer Armed(ProfileKey key, long token, Instant due) => new(Now, key.Owner, "abandoned_cart", new TimerToken(token), due);

    public static SendReminder Sent(ProfileKey key, string messageId) =>
        new(Now, key.Owner, new StepPath("abandoned_cart", 1, null, null), Channel.Email, "cart-reminder-1", messageId);

    public static JourneyEntered Entered(ProfileKey key) => new(Now, key.Owner, "abandoned_cart");
}
