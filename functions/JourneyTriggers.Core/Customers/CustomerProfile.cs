using System.Collections.Immutable;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Who the customer is and how they may be reached. Consent per channel is the statement that stands
/// (<see cref="ConsentStatement"/>), or null for never said, which explicit email consent treats as no and
/// push treats as not revoked.
/// </summary>
public sealed record CustomerProfile(
    string? Email,
    string? FirstName,
    string? Locale,
    string? TimeZone,
    string? Tier,
    ConsentStatement? EmailConsent,
    ConsentStatement? PushConsent,
    ImmutableArray<PushInstallation> Installations)
{
    /// <summary>Most devices kept per customer; the oldest registration goes first.</summary>
    public const int MaxInstallations = 10;

    public static readonly CustomerProfile Empty = new(null, null, null, null, null, null, null, ImmutableArray<PushInstallation>.Empty);

    /// <summary>
    /// Fields this profile lacks are filled from <paramref name="other"/>; consent on each channel is the
    /// statement that stands of the two, so a newer revocation on either side survives the merge.
    /// </summary>
    public CustomerProfile FillFrom(CustomerProfile other)
    {
        var installations = Installations;
        foreach (var device in other.Installations)
            installations = WithInstallation(installations, device);
        return new CustomerProfile(
            Email ?? other.Email, FirstName ?? other.FirstName, Locale ?? other.Locale, TimeZone ?? other.TimeZone,
            Tier ?? other.Tier, ConsentStatement.Standing(EmailConsent, other.EmailConsent),
            ConsentStatement.Standing(PushConsent, other.PushConsent), installations);
    }

    /// <summary>The customer's own time zone, where they gave one we know; <paramref name="fallback"/> (the configuration's) otherwise.</summary>
    public DateTimeZone ZoneOr(DateTimeZone fallback) =>
        TimeZone is { } id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : fallback;

    public CustomerProfile Register(PushInstallation device) => this with { Installations = WithInstallation(Installations, device) };

    public CustomerProfile Unregister(string installationId) =>
        this with { Installations = Installations.RemoveAll(i => i.InstallationId == installationId) };

    static ImmutableArray<PushInstallation> WithInstallation(ImmutableArray<PushInstallation> installations, PushInstallation device)
    {
        var others = installations.RemoveAll(i => i.InstallationId == device.InstallationId);
        if (others.Length >= MaxInstallations) others = others.RemoveAt(0);
        return others.Add(device);
    }
}
