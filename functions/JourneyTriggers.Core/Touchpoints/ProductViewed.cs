using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record ProductViewed(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, ProductInfo Product)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "product.viewed";
    public override string TypeName => WireType;
}
