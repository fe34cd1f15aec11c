using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.GuardRails;

/// <summary>
/// Channel choice: the first channel of the step's list the customer is reachable and consented on.
/// Push needs a registered installation and push consent not revoked; email needs an address and,
/// under explicit consent, a granted consent.
/// </summary>
public static class Consent
{
    public static Channel? FirstReachable(IReadOnlyList<Channel> channels, CustomerProfile profile, EmailConsentMode emailConsent)
    {
        foreach (var channel in channels)
            if (IsReachable(channel, profile, emailConsent)) return channel;
        return null;
    }

    public static bool IsReachable(Channel channel, CustomerProfile profile, EmailConsentMode emailConsent) => channel switch
    {
        Channel.Push => !profile.Installations.IsEmpty && profile.PushConsent?.Granted != false,
        Channel.Email => profile.Email is not null &&
                         (emailConsent == EmailConsentMode.Explicit ? profile.EmailConsent?.Granted == true : profile.EmailConsent?.Granted != false),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
