using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record MessageOpened(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string MessageId)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "message.opened";
    public override string TypeName => WireType;
}
