namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>Names within one list (triggers, a step's branches, variants) must differ.</summary>
internal sealed class UniqueNames(string listName)
{
    readonly Dictionary<string, int> firstIndex = new(StringComparer.Ordinal);

    /// <summary>Passes <paramref name="name"/> through, reporting it when an earlier item took it.</summary>
    public string? Claim(string? name, int index, JsonField field, ErrorLog log)
    {
        if (name is not null && !firstIndex.TryAdd(name, index))
            log.Report(field.Path, $"{field.Describe()} is already used by {listName}[{firstIndex[name]}]");
        return name;
    }
}
