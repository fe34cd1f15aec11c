using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record PushUnregistered(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string InstallationId)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "push.unregistered";
    public override string TypeName => WireType;
}
