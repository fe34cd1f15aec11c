using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Which dead letters' bodies name someone. An id counts only as a complete JSON string, so <c>c-1</c> does not match
/// <c>c-10</c>. Both the raw form and the escaped one a JSON writer produces are looked for, since the senders escape
/// differently (a Thai id arrives raw from one and as <c>\u0E01…</c> from another). Bodies are matched as bytes, not
/// parsed: a dead letter is often kept because it is not valid JSON.
/// </summary>
public sealed class DeadLetterMentions
{
    /// <summary>The property names a touchpoint carries a person's identity in, in any of the formats we read.</summary>
    static readonly byte[][] IdentityFields = [.. new[] { "customerId", "anonymousId", "userId", "previousId", "email" }.Select(Encoding.ASCII.GetBytes)];

    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly IReadOnlyList<byte[]> needles;
    readonly bool asIdentityOnly;

    DeadLetterMentions(IEnumerable<string> ids, bool asIdentityOnly)
    {
        needles =
        [
            .. ids.Where(id => id.Length > 0)
                .SelectMany(id => new[] { Encoding.UTF8.GetBytes(JsonSerializer.Serialize(id, Relaxed)), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(id)) })
                .DistinctBy(Convert.ToBase64String),
        ];
        this.asIdentityOnly = asIdentityOnly;
    }

    /// <summary>Any of <paramref name="ids"/> anywhere in a body: for ids known to be a customer's.</summary>
    public static DeadLetterMentions Anywhere(IEnumerable<string> ids) => new(ids, asIdentityOnly: false);

    /// <summary>
    /// <paramref name="id"/> as the value of an identity property (<c>"userId": "…"</c>, <c>"email"</c>, …): for an id
    /// nothing else says was ever a customer's, which as a bare word could be an order number or a product in someone
    /// else's dead letter.
    /// </summary>
    public static DeadLetterMentions AsIdentity(string id) => new([id], asIdentityOnly: true);

    public bool Names(ReadOnlySpan<byte> body)
    {
        foreach (var needle in needles)
            for (var from = 0; body[from..].IndexOf(needle) is var at && at >= 0; from += at + 1)
                if (!asIdentityOnly || IsIdentityValue(body[..(from + at)])) return true;
        return false;
    }

    /// <summary>Whether what precedes a string is <c>"name":</c> with an identity property's name (letters in any case, white space allowed).</summary>
    static bool IsIdentityValue(ReadOnlySpan<byte> before)
    {
        before = before.TrimEnd(" \t\r\n"u8);
        if (before.IsEmpty || before[^1] != (byte)':') return false;
        before = before[..^1].TrimEnd(" \t\r\n"u8);
        if (before.IsEmpty || before[^1] != (byte)'"') return false;
        var name = before[..^1];
        var start = name.LastIndexOf((byte)'"');
        if (start < 0) return false;
        name = name[(start + 1)..];
        foreach (var field in IdentityFields)
            if (Ascii.EqualsIgnoreCase(name, field)) return true;
        return false;
    }
}
