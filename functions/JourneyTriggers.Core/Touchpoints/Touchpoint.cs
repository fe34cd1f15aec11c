using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

/// <summary>
/// A storefront fact, normalised from native JSON, Segment or CloudEvents (DESIGN 4.1).
/// The concrete records beside this file form the closed set the engine switches over.
/// </summary>
public abstract record Touchpoint(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source)
{
    /// <summary>The native type name (<c>cart.item_added</c>), as it appears in the contract.</summary>
    public abstract string TypeName { get; }
}
