using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// A string found in the input together with where it was found, so checks made later, or on a value that
/// came from a CloudEvent envelope or header instead of the touchpoint, still name the right field.
/// Each check returns the value, or null after recording why not.
/// </summary>
internal readonly struct FieldText
{
    readonly string value;

    // Either the object and name the text was read from, whose path and position are worked out only when
    // a problem is recorded, or a fixed place (a CloudEvent header).
    readonly JsonFields? owner;
    readonly string nameOrPath;
    readonly FieldPosition? at;
    readonly RejectionReasons reasons;

    public FieldText(string value, JsonFields owner, string name)
    {
        this.value = value;
        this.owner = owner;
        nameOrPath = name;
        reasons = owner.Reasons;
    }

    public FieldText(string value, string path, FieldPosition at, RejectionReasons reasons)
    {
        this.value = value;
        nameOrPath = path;
        this.at = at;
        this.reasons = reasons;
    }

    public string Value => value;

    public string Quoted => ValueText.Quoted(value);

    public void Reject(string problem)
    {
        if (owner is null)
        {
            reasons.Add(at!, nameOrPath, problem);
        }
        else
        {
            reasons.Add(owner.PositionOf(nameOrPath), owner.PathOf(nameOrPath), problem);
        }
    }

    /// <summary>Ids key documents and dedupe: a blank one would make unrelated events collide.</summary>
    public string? AsId()
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Reject("must not be blank");
            return null;
        }

        return Bounded(FieldLimits.Id);
    }

    public string? Bounded(int maxLength)
    {
        if (value.Length <= maxLength)
        {
            return value;
        }

        Reject($"longer than {maxLength} characters");
        return null;
    }

    /// <summary>Quiet hours are read in this zone later, where an unknown name could no longer be refused.</summary>
    public string? AsTimeZone()
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is not null)
        {
            return value;
        }

        Reject($"{Quoted} is not an IANA time zone");
        return null;
    }

    public string? OneOf(IReadOnlyList<string> allowed)
    {
        if (allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        Reject($"{Quoted} is not one of {string.Join(", ", allowed)}");
        return null;
    }
}
