using System.Buffers.Text;
using System.Text;

namespace JourneyTriggers.Functions.Http.Auth;

/// <summary>
/// The key a request carries: <c>Authorization: Bearer KEY</c>, or HTTP Basic with the key as user
/// name and an empty password, which is how Segment SDKs send their write key.
/// </summary>
internal static class PresentedKey
{
    public static string? Read(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return null;
        var value = authorization.Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0) return null;
        var scheme = value[..space];
        var parameter = value[(space + 1)..].Trim();
        if (parameter.Length == 0) return null;
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return parameter;
        return scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? FromBasic(parameter) : null;
    }

    static string? FromBasic(string encoded)
    {
        if (!Base64.IsValid(encoded)) return null;
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? text : text[..colon];
        // Some clients put the key in the password field instead; an empty user name means exactly that.
        var key = user.Length > 0 || colon < 0 ? user : text[(colon + 1)..];
        return key.Length > 0 ? key : null;
    }
}
