using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

/// <summary>Quantity defaults to 1 when the event leaves it out.</summary>
public sealed record CartItemAdded(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, ProductInfo Product, int Quantity)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "cart.item_added";
    public override string TypeName => WireType;
}
