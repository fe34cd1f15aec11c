using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

/// <summary>OrderId defaults to the event id when the storefront sends none.</summary>
public sealed record OrderCompleted(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string OrderId, decimal Revenue, string? Currency)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "order.completed";
    public override string TypeName => WireType;
}
