using System.Diagnostics;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Every format ends here, so the accept-or-reject decision is made once: any recorded problem rejects the
/// whole event, naming whatever of its id and customer could be read.
/// </summary>
internal static class ReadingConclusion
{
    /// <param name="touchpoint">What the reader built, null when a part could not be read.</param>
    public static TouchpointReading Of(string? id, CustomerRef? customer, Touchpoint? touchpoint, RejectionReasons reasons)
    {
        if (reasons.Any)
        {
            return new TouchpointReading.Rejected(id, customer, reasons.Join());
        }

        return new TouchpointReading.Accepted(touchpoint ?? throw new UnreachableException("A reader left a part unread without recording why."));
    }
}
