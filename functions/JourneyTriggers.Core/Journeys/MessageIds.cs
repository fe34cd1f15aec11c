using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// Deterministic message ids: the same journey step of the same customer always gets the same id, so
/// a redelivered timer is recognised, and providers that deduplicate can do so (DESIGN 4.6).
/// </summary>
internal static class MessageIds
{
    public static string For(ProfileKey profile, string trigger, JourneyRun run, int step)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{profile.Value}|{trigger}|{run.StartedAt.ToUnixTimeTicks()}|{step}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "m-" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
