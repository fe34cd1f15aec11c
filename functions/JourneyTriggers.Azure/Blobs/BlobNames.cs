using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Azure.Blobs;

/// <summary>Blob name parts shared by the containers the app writes.</summary>
internal static class BlobNames
{
    /// <summary>
    /// The longest escaped key kept as it is: the longest name around it is an effect batch's
    /// (<c>yyyy-MM-dd/{segment}/{uuid}.ndjson</c>, 55 characters more), and Blob Storage takes 1,024. Every key that ever
    /// could be stored keeps its name; a Thai letter escapes to 9 characters, so 256 allowed ones would reach 2,304.
    /// </summary>
    const int LongestPlainSegment = 1024 - 55;

    /// <summary>Never produced by escaping (which leaves <c>~</c> as it is): marks a cut key, so it can never name a plain one's folder.</summary>
    const string CutMark = "%7E";

    /// <summary>
    /// A profile key as one path segment: percent-escaped, so a '/' in a customer id cannot open a
    /// virtual folder, and a prefix listing finds exactly one customer's blobs. An escaped key longer than
    /// <see cref="LongestPlainSegment"/> would take blob names past Blob Storage's limit: it is cut (never inside an
    /// escape) and followed by <see cref="CutMark"/> and its SHA-256, which keeps it recognisable and its own.
    /// </summary>
    public static string Segment(ProfileKey key)
    {
        var escaped = Uri.EscapeDataString(key.Value);
        if (escaped.Length <= LongestPlainSegment) return escaped;
        var cut = LongestPlainSegment - CutMark.Length - 64;
        // An escape is %XX: never leave a '%' or its first digit at the end.
        if (escaped[cut - 1] == '%') cut -= 1;
        else if (escaped[cut - 2] == '%') cut -= 2;
        return escaped[..cut] + CutMark + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)));
    }

    /// <summary>The UTC day folder, <c>yyyy-MM-dd</c>: listings by day, and lifecycle rules by age, stay cheap.</summary>
    public static string Day(Instant at) => at.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A new id that sorts by creation time (UUID version 7: a millisecond timestamp first), so a plain
    /// name-ordered listing is also time-ordered.
    /// </summary>
    public static string TimeOrderedId(Instant at) => Guid.CreateVersion7(at.ToDateTimeOffset()).ToString("D");

    /// <summary>
    /// The millisecond a <see cref="TimeOrderedId"/> was made for (its first 48 bits); null for any other text, a GUID
    /// of another version included.
    /// </summary>
    public static Instant? TimeOf(string timeOrderedId) =>
        Guid.TryParseExact(timeOrderedId, "D", out var id) && id.Version == 7
            ? Instant.FromUnixTimeMilliseconds(long.Parse(timeOrderedId.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 16
                | long.Parse(timeOrderedId.AsSpan(9, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : null;
}
