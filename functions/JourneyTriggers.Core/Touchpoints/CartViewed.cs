using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record CartViewed(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "cart.viewed";
    public override string TypeName => WireType;
}
