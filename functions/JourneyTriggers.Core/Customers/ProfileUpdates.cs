using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Customers;

/// <summary>What identify, consent and push-registration events change in the profile: only the fields they carry.</summary>
internal static class ProfileUpdates
{
    public static CustomerProfile Identified(CustomerProfile profile, CustomerIdentified identified) => profile with
    {
        Email = identified.Email ?? profile.Email,
        FirstName = identified.FirstName ?? profile.FirstName,
        Locale = identified.Locale ?? profile.Locale,
        TimeZone = identified.TimeZone ?? profile.TimeZone,
        Tier = identified.Tier ?? profile.Tier,
    };

    /// <summary>Each channel the touchpoint names takes its statement only if it is at least as new as the one held.</summary>
    public static CustomerProfile ConsentChanged(CustomerProfile profile, ConsentUpdated consent) => profile with
    {
        EmailConsent = ConsentStatement.Standing(profile.EmailConsent, ConsentStatement.Said(consent.Email, consent.Timestamp)),
        PushConsent = ConsentStatement.Standing(profile.PushConsent, ConsentStatement.Said(consent.Push, consent.Timestamp)),
    };

    public static CustomerProfile Registered(CustomerProfile profile, PushRegistered registered) =>
        profile.Register(new PushInstallation(registered.InstallationId, registered.Platform, registered.PushChannel));
}
