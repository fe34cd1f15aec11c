using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Azure.Effects;

/// <summary>
/// The decisions (every effect but <see cref="ArmTimer"/>, which is plumbing) of one saved change, bound
/// for one blob of the effect log. The blob name is fixed when the change is saved, so finishing the same
/// pending work twice writes the same blob, once.
/// </summary>
internal sealed record EffectBatch(string BlobName, IReadOnlyList<Effect> Effects)
{
    /// <summary><c>{yyyy-MM-dd}/{customer}/{time-ordered id}.ndjson</c>: by day for metrics, by customer for erasure.</summary>
    public static EffectBatch? For(ProfileKey key, IEnumerable<Effect> effects, Instant savedAt)
    {
        var logged = effects.Where(e => e is not ArmTimer).ToList();
        if (logged.Count == 0) return null;
        var day = logged[0].At;
        return new EffectBatch($"{BlobNames.Day(day)}/{BlobNames.Segment(key)}/{BlobNames.TimeOrderedId(savedAt)}.ndjson", logged);
    }
}
