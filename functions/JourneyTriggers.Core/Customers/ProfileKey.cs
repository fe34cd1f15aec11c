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

    public override string ToString() => Value;
}
