namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>One place a field may be found: formats spread identity over properties, traits and context.</summary>
internal readonly record struct FieldRef(JsonFields Fields, FieldName Name);

/// <summary>
/// <c>customer.identified</c>, from our format or from a Segment identify call. Each field is taken from the
/// first place that has it.
/// </summary>
internal static class IdentityBody
{
    public static Touchpoint? Read(
        TouchpointHeader? header, ReadOnlySpan<FieldRef> email, ReadOnlySpan<FieldRef> firstName, ReadOnlySpan<FieldRef> locale,
        ReadOnlySpan<FieldRef> timeZone, ReadOnlySpan<FieldRef> tier)
    {
        var readEmail = First(email)?.AsEmailAddress();
        var readFirstName = First(firstName)?.Bounded(FieldLimits.Text);
        var readLocale = First(locale)?.Bounded(FieldLimits.Id);
        var readTimeZone = First(timeZone)?.AsTimeZone();
        var readTier = First(tier)?.Bounded(FieldLimits.Id);
        return header is { } h
            ? new CustomerIdentified(h.Id, h.Customer, h.Timestamp, h.Source, readEmail, readFirstName, readLocale, readTimeZone, readTier)
            : null;
    }

    static FieldText? First(ReadOnlySpan<FieldRef> places)
    {
        foreach (var (fields, name) in places)
        {
            if (fields.Has(name))
            {
                return fields.Text(name);
            }
        }

        return null;
    }
}
