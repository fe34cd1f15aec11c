using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Http.Auth;
using Microsoft.Extensions.Options;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// The access keys under the Functions host: app settings only (Key Vault references). The standalone
/// host's generated key file has no place here: the package is read-only and every instance must agree.
/// </summary>
internal static class ConfiguredKeys
{
    public static AccessKeys Resolve(IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var ingestion = auth.IngestionKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();
        var missing = new List<string>();
        if (ingestion.Length == 0) missing.Add("Auth__IngestionKeys__0");
        if (string.IsNullOrWhiteSpace(auth.AdminKey)) missing.Add("Auth__AdminKey");
        if (missing.Count > 0)
            throw new StartupRefusedException($"JourneyTriggers cannot start: the app setting{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing)} {(missing.Count > 1 ? "are" : "is")} not set.");
        return new AccessKeys(ingestion, auth.AdminKey!, new KeyOrigin.Configured());
    }
}
