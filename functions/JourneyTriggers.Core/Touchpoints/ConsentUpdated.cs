using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record ConsentUpdated(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, bool? Email, bool? Push)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "consent.updated";
    public override string TypeName => WireType;
}
