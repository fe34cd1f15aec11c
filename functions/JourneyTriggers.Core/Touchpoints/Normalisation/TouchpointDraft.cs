using System.Diagnostics;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>The fields every touchpoint record starts with, once they have all been read without a problem.</summary>
internal sealed record TouchpointHeader(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source);

/// <summary>Builds one type's touchpoint from its header, with the type's own fields already read and checked.</summary>
internal delegate Touchpoint TouchpointBody(TouchpointHeader header);

/// <summary>
/// What a format reader found, each part null when it could not be read. Every format ends here, so the
/// accept-or-reject decision is made once: any recorded problem rejects the whole event.
/// </summary>
internal sealed record TouchpointDraft(string? Id, CustomerRef? Customer, Instant? Timestamp, string? Source, TouchpointBody? Body)
{
    public TouchpointReading Conclude(RejectionReasons reasons)
    {
        if (reasons.Any)
        {
            return new TouchpointReading.Rejected(Id, Customer, reasons.Join());
        }

        if (Id is null || Customer is not { } customer || Timestamp is not { } timestamp || Body is null)
        {
            throw new UnreachableException("A reader left a part unread without recording why.");
        }

        return new TouchpointReading.Accepted(Body(new TouchpointHeader(new TouchpointId(Id), customer, timestamp, Source)));
    }
}
