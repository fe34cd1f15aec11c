using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record AppOpened(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "app.opened";
    public override string TypeName => WireType;
}
