using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.GuardRails;
using NodaTime;

namespace JourneyTriggers.Core.Delivery;

/// <summary>
/// A reminder its provider did not take at once (throttled, down) goes out later, on a wake-up of its own. By then
/// sending it may be wrong: DESIGN 4.3 stops later sends on a channel the moment consent is revoked, and a journey
/// that ended on the customer's own action (an order, an emptied cart, a return to the app) sends nothing more; nor does
/// anything go inside the customer's quiet hours.
/// </summary>
public static class LateSends
{
    /// <summary>Why the reminder <paramref name="messageId"/> must no longer go, or null when it still may.</summary>
    public static string? WithdrawalReason(CustomerState state, string messageId, Channel channel, EmailConsentMode emailConsent)
    {
        if (!Consent.IsReachable(channel, state.Profile, emailConsent))
            return $"withdrawn before the provider took it: the customer can no longer be reached by {channel.ToWire()} (consent revoked or address gone)";
        return EndedSince(state, messageId) is { } reason
            ? $"withdrawn before the provider took it: {reason} after it was decided"
            : null;
    }

    /// <summary>
    /// When the reminder may go, if the customer's quiet hours hold it now: the send was decided outside them, but a
    /// provider's back-off can carry it into the night. The window is the trigger's (the defaults' once the trigger is
    /// gone from the configuration), on the customer's own clock; null when it may go now.
    /// </summary>
    public static Instant? QuietUntil(CustomerState state, string trigger, TriggerConfiguration configuration, Instant now)
    {
        var window = configuration.Find(trigger) is { } definition ? definition.QuietHours : configuration.Defaults.QuietHours;
        return QuietHours.EndOfQuietHours(window, state.Profile.ZoneOr(configuration.Defaults.TimeZone), now);
    }

    /// <summary>
    /// What the customer did after the reminder was decided that ends its journey, read from the timeline in the order it
    /// was decided (no clock to compare, so a late event's timestamp cannot hide it). Once the send has left the timeline's
    /// window, nothing can be told and the reminder goes.
    /// </summary>
    static string? EndedSince(CustomerState state, string messageId)
    {
        string? trigger = null;
        foreach (var effect in state.Timeline)
        {
            if (trigger is null)
            {
                if (effect is SendReminder sent && sent.MessageId == messageId) trigger = sent.Path.Trigger;
                continue;
            }
            switch (effect)
            {
                case RecordConversion:
                    return "the customer ordered";
                case ExitJourney exit when exit.Trigger == trigger && EndsOnCustomersAction(exit.Reason):
                    return $"its journey ended ({exit.Reason.ToWire()})";
            }
        }
        return null;
    }

    /// <summary>Running out of steps ends a journey too, but says nothing against a reminder already decided.</summary>
    static bool EndsOnCustomersAction(ExitReason reason) =>
        reason is ExitReason.OrderCompleted or ExitReason.CartEmptied or ExitReason.CartActivity or ExitReason.AppOpened;
}
