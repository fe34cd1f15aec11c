using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>A touchpoint we could not take, with the field and what was wrong. Bad input is data, not an exception.</summary>
public sealed record RejectTouchpoint(Instant At, CustomerRef Customer, string? EventId, string Reason) : Effect(At, Customer)
{
    public override string WireName => "event.rejected";
}
