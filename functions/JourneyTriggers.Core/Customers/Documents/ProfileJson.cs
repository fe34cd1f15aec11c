using System.Text.Json;
using NodaTime;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// <c>"profile": {"email", "firstName", "locale", "timeZone", "tier", "emailConsent", "emailConsentAt",
/// "pushConsent", "pushConsentAt", "installations": [{"installationId", "platform", "pushChannel"}]}</c>.
/// Consent is three-valued, so <c>false</c> is written and only "never said" is left out. The
/// <c>…At</c> instant is when the customer said it; documents written before consent was dated lack
/// it and read as undated statements, which any dated one overrules.
/// </summary>
internal static class ProfileJson
{
    public static void Write(Utf8JsonWriter json, CustomerProfile profile)
    {
        json.WriteStartObject("profile"u8);
        DocumentWrite.OptionalString(json, "email"u8, profile.Email);
        DocumentWrite.OptionalString(json, "firstName"u8, profile.FirstName);
        DocumentWrite.OptionalString(json, "locale"u8, profile.Locale);
        DocumentWrite.OptionalString(json, "timeZone"u8, profile.TimeZone);
        DocumentWrite.OptionalString(json, "tier"u8, profile.Tier);
        WriteConsent(json, "emailConsent"u8, "emailConsentAt"u8, profile.EmailConsent);
        WriteConsent(json, "pushConsent"u8, "pushConsentAt"u8, profile.PushConsent);
        if (!profile.Installations.IsEmpty)
        {
            json.WriteStartArray("installations"u8);
            foreach (var device in profile.Installations)
            {
                json.WriteStartObject();
                json.WriteString("installationId"u8, device.InstallationId);
                DocumentWrite.OptionalString(json, "platform"u8, device.Platform);
                DocumentWrite.OptionalString(json, "pushChannel"u8, device.PushChannel);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <param name="undatedStatementsAt">
    /// When a consent statement stored before statements were dated is taken to have been made: the document's last
    /// activity, the latest it can have been. Read as older than anything, a stored revocation would yield to a grant made
    /// before it that arrives late.
    /// </param>
    public static CustomerProfile Read(JsonElement document, Instant? undatedStatementsAt)
    {
        if (!WireJson.TryGet(document, "profile"u8, out var p)) return CustomerProfile.Empty;
        p = WireJson.Object(p, "profile");
        return new CustomerProfile(
            WireJson.OptionalString(p, "email"u8), WireJson.OptionalString(p, "firstName"u8), WireJson.OptionalString(p, "locale"u8),
            WireJson.OptionalString(p, "timeZone"u8), WireJson.OptionalString(p, "tier"u8),
            ReadConsent(p, "emailConsent"u8, "emailConsentAt"u8, undatedStatementsAt), ReadConsent(p, "pushConsent"u8, "pushConsentAt"u8, undatedStatementsAt),
            WireJson.Array(p, "installations"u8, ReadInstallation));
    }

    static void WriteConsent(Utf8JsonWriter json, ReadOnlySpan<byte> granted, ReadOnlySpan<byte> statedAt, ConsentStatement? consent)
    {
        if (consent is not { } statement) return;
        json.WriteBoolean(granted, statement.Granted);
        DocumentWrite.OptionalInstant(json, statedAt, statement.StatedAt);
    }

    static ConsentStatement? ReadConsent(JsonElement profile, ReadOnlySpan<byte> granted, ReadOnlySpan<byte> statedAt, Instant? undatedAt) =>
        WireJson.OptionalBoolean(profile, granted) is { } said ? new ConsentStatement(said, WireJson.OptionalInstant(profile, statedAt) ?? undatedAt) : null;

    static PushInstallation ReadInstallation(JsonElement item)
    {
        var d = WireJson.Object(item, "installation");
        return new PushInstallation(WireJson.String(d, "installationId"u8), WireJson.OptionalString(d, "platform"u8), WireJson.OptionalString(d, "pushChannel"u8));
    }
}
