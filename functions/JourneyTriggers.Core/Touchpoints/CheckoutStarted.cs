using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

public sealed record CheckoutStarted(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, decimal? CartValue, string? Currency)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "checkout.started";
    public override string TypeName => WireType;
}
