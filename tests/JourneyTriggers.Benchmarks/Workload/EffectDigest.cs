using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Benchmarks.Workload;

/// <summary>
/// A fingerprint of everything a replay decided: the SHA-256 of every effect's full record text, in
/// order, and a count per wire name. Equal digests before and after an engine optimisation show the
/// decisions did not change on a large, messy stream, beyond what the unit tests pin down.
/// </summary>
public sealed class EffectDigest
{
    readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    readonly SortedDictionary<string, long> counts = new(StringComparer.Ordinal);

    public void Add(Effect effect)
    {
        // Records print every field. They format with the current culture, which Program pins to the
        // invariant one so a digest taken on one host compares with one taken on another.
        hash.AppendData(Encoding.UTF8.GetBytes(effect.ToString()));
        hash.AppendData("\n"u8);
        counts[effect.WireName] = counts.GetValueOrDefault(effect.WireName) + 1;
    }

    public IReadOnlyDictionary<string, long> Counts => counts;

    public string Sha256() => Convert.ToHexStringLower(hash.GetCurrentHash());
}
