using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// The fields every touchpoint record starts with, once they have all been read without a problem. A format
/// reader reads a type's own fields whether or not these were read, so that every problem is reported, and
/// builds the touchpoint only when this header is there.
/// </summary>
internal readonly record struct TouchpointHeader(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source)
{
    /// <summary>The header, or null when a part could not be read (the reason for that is already recorded).</summary>
    public static TouchpointHeader? Of(string? id, CustomerRef? customer, Instant? timestamp, string? source) =>
        id is not null && customer is { } known && timestamp is { } at ? new(new TouchpointId(id), known, at, source) : null;
}
