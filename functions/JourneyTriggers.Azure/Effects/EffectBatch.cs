using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Azure.Effects;

/// <summary>
/// The decisions (every effect but <see cref="ArmTimer"/>, which is plumbing) of one saved change, bound
/// for one blob of the effect log. The blob name is fixed when the change is saved, so finishing the same
/// pending work twice writes the same blob, once. Written last, after every other step of that work
/// succeeded, the blob also tells a later load the work is done (<see cref="Cosmos.PendingWork.CompletionMarker"/>),
/// which is why a change with work but no decisions still gets one, empty (<see cref="Marker"/>).
/// </summary>
internal sealed record EffectBatch(string BlobName, IReadOnlyList<Effect> Effects)
{
    /// <summary><c>{yyyy-MM-dd}/{customer}/{time-ordered id}.ndjson</c>: by day for metrics, by customer for erasure.</summary>
    public static EffectBatch? For(ProfileKey key, IEnumerable<Effect> effects, Instant savedAt)
    {
        var logged = effects.Where(e => e is not ArmTimer).ToList();
        if (logged.Count == 0) return null;
        return new EffectBatch(NameFor(key, logged[0].At, savedAt), logged);
    }

    /// <summary>An empty batch: no decisions to log, only the completion of the change's other work to mark.</summary>
    public static EffectBatch Marker(ProfileKey key, Instant savedAt) => new(NameFor(key, savedAt, savedAt), []);

    static string NameFor(ProfileKey key, Instant day, Instant savedAt) =>
        $"{BlobNames.Day(day)}/{BlobNames.Segment(key)}/{BlobNames.TimeOrderedId(savedAt)}.ndjson";
}
