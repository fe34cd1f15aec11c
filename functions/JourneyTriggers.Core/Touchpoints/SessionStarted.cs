using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record SessionStarted(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "session.started";
    public override string TypeName => WireType;
}
