using System.Text.Json;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// A string found in the input together with where it was found, so checks made later, or on a value that
/// came from a CloudEvent envelope or header instead of the touchpoint, still name the right field.
/// Each check returns the value, or null after recording why not.
/// <para>
/// Text read from JSON is decoded only when a check asks for it: a timestamp is read from its UTF-8 bytes, and
/// a CloudEvent attribute the touchpoint overrides is never needed, so neither becomes a string.
/// </para>
/// </summary>
internal readonly struct FieldText
{
    // The text itself, or null while it is still the JSON string `json`, decoded on demand.
    readonly string? text;
    readonly JsonElement json;

    // Either the object and name the text was read from, whose path and position are worked out only when
    // a problem is recorded, or a fixed place (a CloudEvent header).
    readonly JsonFields? owner;
    readonly string nameOrPath;
    readonly FieldPosition? at;
    readonly RejectionReasons reasons;

    /// <param name="json">A JSON string whose text has passed <see cref="UnicodeCheck"/>.</param>
    public FieldText(JsonElement json, JsonFields owner, FieldName name)
    {
        this.json = json;
        this.owner = owner;
        nameOrPath = name.Text;
        reasons = owner.Reasons;
    }

    public FieldText(string value, JsonFields owner, FieldName name)
    {
        text = value;
        this.owner = owner;
        nameOrPath = name.Text;
        reasons = owner.Reasons;
    }

    public FieldText(string value, string path, FieldPosition at, RejectionReasons reasons)
    {
        text = value;
        nameOrPath = path;
        this.at = at;
        this.reasons = reasons;
    }

    /// <summary>The text, decoded from the JSON on every call that needs it: read it once per check.</summary>
    public string Value => text ?? json.GetString()!;

    public string Quoted => ValueText.Quoted(Value);

    /// <summary>The text as UTF-8 when it is JSON text without escapes, whose bytes are then the text's own.</summary>
    public bool TryGetUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (text is null)
        {
            return RawJsonText.TryGetUnescaped(json, out utf8);
        }

        utf8 = default;
        return false;
    }

    public void Reject(string problem)
    {
        if (owner is not { } fields)
        {
            reasons.Add(at!, nameOrPath, problem);
        }
        else
        {
            reasons.Add(fields.PositionOf(nameOrPath), fields.PathOf(nameOrPath), problem);
        }
    }

    /// <summary>
    /// Ids key documents and dedupe: a blank one would make unrelated events collide. A control character (a line break,
    /// a NUL) has no place in an id and breaks every line and URL it is written into.
    /// </summary>
    public string? AsId()
    {
        var value = Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            Reject("must not be blank");
            return null;
        }

        var control = value.AsSpan().IndexOfAny(ControlCharacters);
        if (control >= 0)
        {
            Reject($"contains the control character U+{(int)value[control]:X4} at {control + 1}; ids are printable text");
            return null;
        }

        return Bounded(value, FieldLimits.Id);
    }

    /// <summary>
    /// A customer's or visitor's id is also the last segment of <c>/api/customers/{id}</c>, where "." and ".." are read as
    /// "this folder" and "the folder above": such a customer could be neither looked up nor erased.
    /// </summary>
    public string? AsCustomerId()
    {
        var id = AsId();
        if (id is not ("." or "..")) return id;
        Reject($"{ValueText.Quoted(id)} cannot be told apart from a path step in /api/customers/{{id}}; use another id");
        return null;
    }

    /// <summary>
    /// A known customer's id keys its document as it is, so it must not look like the key of an anonymous profile:
    /// <c>customerId: "anon:x"</c> with <c>anonymousId: "x"</c> would merge a profile into itself.
    /// </summary>
    public string? AsKnownCustomerId()
    {
        var id = AsCustomerId();
        if (id is null || !ProfileKey.LooksAnonymous(id)) return id;
        Reject($"{ValueText.Quoted(id)} starts with \"{ProfileKey.AnonymousPrefix}\", which marks anonymous profiles; send a visitor's id as the anonymous id instead");
        return null;
    }

    public string? Bounded(int maxLength) => Bounded(Value, maxLength);

    /// <summary>
    /// An address reminders are sent to: a name, one @ and a domain, with nothing in it that ends a mail header (a line
    /// break, a comma, angle brackets) or is no address at all (a space). Anything else would be "sent" to nowhere, or
    /// worse, into another header. The value is not echoed: it is personal data.
    /// </summary>
    public string? AsEmailAddress()
    {
        var value = Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            Reject("must not be blank; leave the field out when there is no address");
            return null;
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.LastIndexOf('@') != at || value.AsSpan().IndexOfAny(NotInAnAddress) >= 0 || value.AsSpan().IndexOfAny(ControlCharacters) >= 0)
        {
            Reject("not an email address (expected name@domain, without spaces, commas, quotes or angle brackets)");
            return null;
        }

        return Bounded(value, FieldLimits.Id);
    }

    static readonly System.Buffers.SearchValues<char> NotInAnAddress = System.Buffers.SearchValues.Create(" ,;<>\"()[]\\");

    // C0 controls and DEL: a line break, a NUL, a tab have no place in an id or an address.
    static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007f']);

    /// <summary>Quiet hours are read in this zone later, where an unknown name could no longer be refused.</summary>
    public string? AsTimeZone()
    {
        var value = Value;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is not null)
        {
            return value;
        }

        Reject($"{ValueText.Quoted(value)} is not an IANA time zone");
        return null;
    }

    public string? OneOf(IReadOnlyList<string> allowed)
    {
        var value = Value;
        if (allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        Reject($"{ValueText.Quoted(value)} is not one of {string.Join(", ", allowed)}");
        return null;
    }

    string? Bounded(string value, int maxLength)
    {
        if (value.Length <= maxLength)
        {
            return value;
        }

        Reject($"longer than {maxLength} characters");
        return null;
    }
}
