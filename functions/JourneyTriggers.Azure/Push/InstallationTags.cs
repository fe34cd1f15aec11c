using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// How an installation names its customer at the hub: the tag <c>customer:{key}</c> and the user id
/// <c>{key}</c>. Tags may hold only letters, digits and <c>_ @ # . : -</c> and at most 120 characters
/// (user ids the same set and <c>=</c>), so other characters are written as <c>#</c> and their UTF-8
/// bytes in hex, and <c>#</c> itself likewise: no two keys share a tag. A key too long even then is
/// replaced by <c>#h</c> and a SHA-256 prefix of it.
/// </summary>
public static class InstallationTags
{
    const int MaxTagLength = 120;
    const string CustomerPrefix = "customer:";

    public static string ForCustomer(ProfileKey customer) => CustomerPrefix + Safe(customer.Value, MaxTagLength - CustomerPrefix.Length);

    public static string UserId(ProfileKey customer) => Safe(customer.Value, MaxTagLength);

    static string Safe(string key, int room)
    {
        var text = new StringBuilder(key.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in key.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "_@.:-".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                text.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length]) text.Append('#').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.Length <= room
            ? text.ToString()
            // "#h" never comes out of the escaping above (# is always followed by two hex digits).
            : "#h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
    }
}
