using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// The Cosmos DB item id (and partition key) of a customer document. Normally the profile key itself,
/// which is what the document's own <c>"id"</c> says. Cosmos DB refuses ids with '/', '\', '?' or '#'
/// and ids past its length limit (1,023 bytes), while customer ids may be up to 256 characters of
/// anything. A key with those characters, longer than 255 characters (which keeps any script well
/// inside the byte limit), or starting with '~' is stored under <c>~</c> + its SHA-256 in hex instead;
/// no key kept as it is starts with '~', so the two forms never meet.
/// </summary>
internal static class CosmosItemId
{
    const int MaxLength = 255;
    static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create("/\\?#");

    public static string For(ProfileKey key) => IsUsable(key.Value) ? key.Value : Hashed(key.Value);

    /// <summary>True when the item id is not the profile key, so the document's <c>"id"</c> must be rewritten both ways.</summary>
    public static bool IsHashed(ProfileKey key) => !IsUsable(key.Value);

    static bool IsUsable(string value) =>
        value.Length is > 0 and <= MaxLength
        && value.AsSpan().IndexOfAny(Forbidden) < 0
        && !value.StartsWith('~')
        && !value.EndsWith(' ');

    static string Hashed(string value) => "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
