using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

/// <summary>An event name we do not act on: accepted and ignored, never an error (DESIGN 4.1).</summary>
public sealed record UnrecognisedTouchpoint(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string Type)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public override string TypeName => Type;
}
