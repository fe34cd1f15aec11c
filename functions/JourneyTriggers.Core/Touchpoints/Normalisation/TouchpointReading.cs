using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// What reading one incoming event gave: a touchpoint, or a refusal that says why (DESIGN 4.2).
/// The private constructor keeps the union closed to these two cases.
/// </summary>
public abstract record TouchpointReading
{
    TouchpointReading()
    {
    }

    public sealed record Accepted(Touchpoint Touchpoint) : TouchpointReading;

    /// <param name="EventId">The event's id when it could be read, so the sender can match the refusal to its event.</param>
    /// <param name="Customer">Whoever the event was about, as far as that could be read.</param>
    /// <param name="Reason">
    /// Every problem as <c>field.path: what was wrong</c>, in the order the fields appear in the input, joined by <c>; </c>.
    /// </param>
    /// <param name="NotJson">
    /// The text was not JSON at all, so nothing of the event could be read; a body made only of such refusals is a
    /// request that cannot be read (HTTP 400), not a batch of bad events.
    /// </param>
    public sealed record Rejected(string? EventId, CustomerRef? Customer, string Reason, bool NotJson = false) : TouchpointReading;
}
