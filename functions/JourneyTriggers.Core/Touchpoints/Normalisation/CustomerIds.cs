using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>Who the event is about: a known id, an anonymous id or both; at least one (DESIGN 4.1).</summary>
internal static class CustomerIds
{
    /// <param name="knownName"><c>customerId</c> in our format, <c>userId</c> in Segment's.</param>
    public static CustomerRef? Read(JsonFields fields, FieldName knownName, FieldName anonymousName)
    {
        var known = fields.Text(knownName)?.AsKnownCustomerId();
        var anonymous = fields.Text(anonymousName)?.AsCustomerId();

        // An id that was read was present, so only an event with neither can be missing both.
        if (known is null && anonymous is null && !fields.Has(knownName) && !fields.Has(anonymousName))
        {
            fields.MissingOneOf(knownName, anonymousName);
        }

        return known is null && anonymous is null ? null : new CustomerRef(known, anonymous);
    }
}
