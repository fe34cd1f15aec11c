using System.Globalization;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Azure.Blobs;

/// <summary>Blob name parts shared by the containers the app writes.</summary>
internal static class BlobNames
{
    /// <summary>
    /// A profile key as one path segment: percent-escaped, so a '/' in a customer id cannot open a
    /// virtual folder, and a prefix listing finds exactly one customer's blobs.
    /// </summary>
    public static string Segment(ProfileKey key) => Uri.EscapeDataString(key.Value);

    /// <summary>The UTC day folder, <c>yyyy-MM-dd</c>: listings by day, and lifecycle rules by age, stay cheap.</summary>
    public static string Day(Instant at) => at.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A new id that sorts by creation time (UUID version 7: a millisecond timestamp first), so a plain
    /// name-ordered listing is also time-ordered.
    /// </summary>
    public static string TimeOrderedId(Instant at) => Guid.CreateVersion7(at.ToDateTimeOffset()).ToString("D");
}
