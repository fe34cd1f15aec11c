using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record CartCleared(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "cart.cleared";
    public override string TypeName => WireType;
}
