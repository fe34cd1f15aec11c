using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Benchmarks.Workload;

/// <summary>
/// A fingerprint of every customer document a replay leaves behind, field by field (collections
/// spelled out, since records print an ImmutableArray as its type name). With the effect digest it
/// shows an optimisation changed neither what the engine decided nor what it remembers — including
/// fields no rule reads yet, such as LastSeen and the dedupe window.
/// </summary>
public static class StateDigest
{
    public static string Sha256(IReadOnlyDictionary<ProfileKey, CustomerState> customers)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, state) in customers.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes(Describe(key, state)));
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    static string Describe(ProfileKey key, CustomerState s)
    {
        var text = new StringBuilder();
        text.Append(key.Value).Append('|').Append(s.Identity).Append('|').Append(s.MergedInto).Append('|').Append(s.NextTimerToken).Append('\n');
        text.Append(s.Profile with { Installations = [] }).Append(string.Join(",", s.Profile.Installations)).Append('\n');
        text.Append(string.Join(",", s.Cart.Lines)).Append('\n');
        text.Append(s.Clocks).Append('\n');
        text.Append(s.Orders.Count).Append(':').Append(string.Join(",", s.Orders.RecentOrderIds)).Append('\n');
        text.Append(s.Browse.ViewsSinceReset).Append(':').Append(string.Join(",", s.Browse.RecentProducts)).Append('\n');
        text.Append(string.Join(",", s.Journeys)).Append('\n');
        text.Append(string.Join(",", s.Ledger.Entries)).Append('\n');
        text.Append(string.Join(",", s.Seen.Ids)).Append('\n');
        text.Append(string.Join(",", s.Timeline)).Append('\n');
        return text.ToString();
    }
}
