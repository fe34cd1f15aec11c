using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

/// <summary>An absent quantity removes the whole line.</summary>
public sealed record CartItemRemoved(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string Sku, int? Quantity)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "cart.item_removed";
    public override string TypeName => WireType;
}
