namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Who a touchpoint or effect is about: the known customer id, the anonymous id, or both.
/// A profile is keyed by the known id when there is one, so events that carry both ids go to the
/// known customer.
/// </summary>
public readonly record struct CustomerRef(string? CustomerId, string? AnonymousId)
{
    public static CustomerRef Known(string customerId) => new(customerId, null);
    public static CustomerRef Anonymous(string anonymousId) => new(null, anonymousId);

    public bool IsKnown => CustomerId is not null;

    /// <summary>The key of the one profile document this ref addresses.</summary>
    public ProfileKey Profile => CustomerId is not null
        ? ProfileKey.ForCustomer(CustomerId)
        : ProfileKey.ForAnonymous(AnonymousId ?? throw new InvalidOperationException("A customer ref needs at least one id."));

    /// <summary>The id stable assignment hashes: the known id, else the anonymous one (DESIGN 4.3).</summary>
    public string AssignmentId => CustomerId ?? AnonymousId!;
}
