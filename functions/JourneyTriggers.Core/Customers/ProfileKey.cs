namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The key of a customer document. Anonymous profiles live under a prefix so that an anonymous id
/// can never collide with a known customer id.
/// </summary>
public readonly record struct ProfileKey(string Value)
{
    const string AnonymousPrefix = "anon:";

    public static ProfileKey ForCustomer(string customerId) => new(customerId);
    public static ProfileKey ForAnonymous(string anonymousId) => new(AnonymousPrefix + anonymousId);

    public bool IsAnonymous => Value.StartsWith(AnonymousPrefix, StringComparison.Ordinal);

    /// <summary>The identity a new document under this key starts with.</summary>
    public CustomerRef Owner => IsAnonymous ? CustomerRef.Anonymous(Value[AnonymousPrefix.Length..]) : CustomerRef.Known(Value);

    public override string ToString() => Value;
}
