using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// An order no reminder's attribution window held when it was placed. Kept for a while because a merge can bring the
/// reminder that window belongs to: a visitor who orders as a guest after clicking the known customer's email, and
/// identifies later. <paramref name="At"/> is when it was placed, or when it arrived if it was stamped later.
/// </summary>
public sealed record UncreditedOrder(string OrderId, Instant At, decimal Revenue, string? Currency);
