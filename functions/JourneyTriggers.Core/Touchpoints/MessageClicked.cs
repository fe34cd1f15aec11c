using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record MessageClicked(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string MessageId)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "message.clicked";
    public override string TypeName => WireType;
}
