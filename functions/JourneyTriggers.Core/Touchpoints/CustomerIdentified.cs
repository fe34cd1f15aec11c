using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record CustomerIdentified(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string? Email, string? FirstName, string? Locale, string? TimeZone, string? Tier)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "customer.identified";
    public override string TypeName => WireType;
}
