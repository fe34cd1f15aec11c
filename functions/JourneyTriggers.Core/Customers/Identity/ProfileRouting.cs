using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Customers.Identity;

/// <summary>
/// Which document a touchpoint belongs to. Events carrying both ids go to the known customer;
/// only <c>customer.identified</c> with both ids merges the anonymous profile into it.
/// </summary>
public static class ProfileRouting
{
    /// <summary>The identity a new document for this touchpoint starts with.</summary>
    public static CustomerRef OwnerOf(Touchpoint touchpoint) => touchpoint.Customer.CustomerId is { } known
        ? CustomerRef.Known(known)
        : CustomerRef.Anonymous(touchpoint.Customer.AnonymousId!);

    /// <summary>The anonymous profile this touchpoint merges into its known customer, if any.</summary>
    public static CustomerRef? MergesFrom(Touchpoint touchpoint) =>
        touchpoint is CustomerIdentified { Customer: { CustomerId: not null, AnonymousId: { } anonymous } }
            ? CustomerRef.Anonymous(anonymous)
            : null;
}
