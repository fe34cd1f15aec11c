using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Which dead letters' bodies name someone. An id counts only as a complete JSON string, so <c>c-1</c> does not match
/// <c>c-10</c>. The forms the senders write are all looked for: raw, escaped as System.Text.Json does and with the
/// lower-case hex other writers use (a Thai id arrives raw from one and as <c>\u0E01…</c> or <c>\u0e01…</c> from
/// others), and with <c>\/</c> for a slash. Bodies are matched as bytes, not parsed: a dead letter is often kept because
/// it is not valid JSON.
/// </summary>
public sealed partial class DeadLetterMentions
{
    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly List<Needle> needles;
    readonly byte[][]? identityFields;

    DeadLetterMentions(IEnumerable<string> ids, byte[][]? identityFields)
    {
        this.identityFields = identityFields;
        needles =
        [
            .. ids.Where(id => id.Length > 0).SelectMany(Forms).Distinct()
                .Select(form => new Needle(Encoding.UTF8.GetBytes(form), Bare: false)),
            // An id a sender wrote as a number ("userId": 12345) was refused for it, and is found as the bare token.
            .. identityFields is null ? [] : ids.Where(IsJsonNumber).Select(id => new Needle(Encoding.UTF8.GetBytes(id), Bare: true)),
        ];
    }

    /// <summary>Any of <paramref name="ids"/> anywhere in a body: for ids known to be a customer's.</summary>
    public static DeadLetterMentions Anywhere(IEnumerable<string> ids) => new(ids, identityFields: null);

    /// <summary>
    /// The key's id as the value of a property that carries that kind of id (<c>"customerId"</c> or <c>"userId"</c> for a
    /// customer, <c>"anonymousId"</c> for a visitor, <c>"previousId"</c> for either), letters in any case: for an id
    /// nothing else says was ever a customer's, which as a bare word could be an order number or a product in someone
    /// else's dead letter, and as an email address or the other kind of id, someone else's.
    /// </summary>
    public static DeadLetterMentions AsIdentity(ProfileKey key) =>
        new([key.Owner.CustomerId ?? key.Owner.AnonymousId!], key.IsAnonymous ? AnonymousFields : KnownFields);

    static readonly byte[][] KnownFields = [.. new[] { "customerId", "userId", "previousId" }.Select(Encoding.ASCII.GetBytes)];
    static readonly byte[][] AnonymousFields = [.. new[] { "anonymousId", "previousId" }.Select(Encoding.ASCII.GetBytes)];

    public bool Names(ReadOnlySpan<byte> body)
    {
        foreach (var needle in needles)
            for (var from = 0; body[from..].IndexOf(needle.Bytes) is var at && at >= 0; from += at + 1)
                if (identityFields is null
                    || (IsIdentityValue(body[..(from + at)]) && (!needle.Bare || EndsToken(body[(from + at + needle.Bytes.Length)..]))))
                    return true;
        return false;
    }

    /// <summary>An id as the senders may have written it in a JSON string, quotes included.</summary>
    static IEnumerable<string> Forms(string id)
    {
        var escaped = JsonSerializer.Serialize(id);
        string[] forms = [JsonSerializer.Serialize(id, Relaxed), escaped, UpperHexEscape().Replace(escaped, m => m.Value.ToLowerInvariant())];
        return id.Contains('/') ? forms.Concat(forms.Select(f => f.Replace("/", "\\/", StringComparison.Ordinal))) : forms;
    }

    /// <summary>Whether what precedes a value is <c>"name":</c> with one of the fields sought (white space allowed).</summary>
    bool IsIdentityValue(ReadOnlySpan<byte> before)
    {
        before = before.TrimEnd(WhiteSpace);
        if (before.IsEmpty || before[^1] != (byte)':') return false;
        before = before[..^1].TrimEnd(WhiteSpace);
        if (before.IsEmpty || before[^1] != (byte)'"') return false;
        var name = before[..^1];
        var start = name.LastIndexOf((byte)'"');
        // An escaped quote is inside a longer name, not its start.
        if (start < 0 || (start > 0 && name[start - 1] == (byte)'\\')) return false;
        name = name[(start + 1)..];
        foreach (var field in identityFields!)
            if (Ascii.EqualsIgnoreCase(name, field)) return true;
        return false;
    }

    /// <summary>Whether a bare number ends where the needle does: <c>123</c> is not the start of <c>1234</c>.</summary>
    static bool EndsToken(ReadOnlySpan<byte> after) => after.IsEmpty || after[0] is (byte)',' or (byte)'}' or (byte)']' || WhiteSpace.Contains(after[0]);

    /// <summary>What JSON allows between tokens.</summary>
    static ReadOnlySpan<byte> WhiteSpace => " \t\r\n"u8;

    static bool IsJsonNumber(string id) => NumberPattern().IsMatch(id);

    [GeneratedRegex(@"\\u[0-9A-F]{4}")]
    private static partial Regex UpperHexEscape();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    readonly record struct Needle(byte[] Bytes, bool Bare);
}
