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

    public static CustomerProfile ConsentChanged(CustomerProfile profile, ConsentUpdated consent) => profile with
    {
        EmailConsent = consent.Email ?? profile.EmailConsent,
        PushConsent = consent.Push ?? profile.PushConsent,
    };

    public static CustomerProfile Registered(CustomerProfile profile, PushRegistered registered) =>
        profile.Register(new PushInstallation(registered.InstallationId, registered.Platform, registered.PushChannel));
}
