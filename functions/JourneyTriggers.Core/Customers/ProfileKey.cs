namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The key of a customer document. Anonymous profiles live under a prefix so that an anonymous id
/// can never collide with a known customer id, whose own ids may therefore not start with it.
/// </summary>
public readonly record struct ProfileKey(string Value)
{
    public const string AnonymousPrefix = "anon:";

    public static ProfileKey ForCustomer(string customerId) => new(customerId);
    public static ProfileKey ForAnonymous(string anonymousId) => new(AnonymousPrefix + anonymousId);

    public bool IsAnonymous => LooksAnonymous(Value);

    /// <summary>Whether a key with this text is an anonymous profile's: a known id that does is refused on the way in.</summary>
    public static bool LooksAnonymous(string key) => key.StartsWith(AnonymousPrefix, StringComparison.Ordinal);

    /// <summary>The identity a new document under this key starts with.</summary>
    public CustomerRef Owner => IsAnonymous ? CustomerRef.Anonymous(Value[AnonymousPrefix.Length..]) : CustomerRef.Known(Value);

    public override string ToString() => Value;
}
