namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// <c>variants</c>: A/B arms with distinct names and whole weights summing to exactly 100, so the
/// stable assignment (DESIGN 4.3) always lands on an arm.
/// </summary>
internal static class VariantsReader
{
    const int TotalWeight = 100;

    static readonly string[] Keys = ["name", "weight", "template", "channels"];

    public static IReadOnlyList<VariantDefinition>? Read(JsonField field, ErrorLog log)
    {
        var items = JsonValues.ReadItems(field, log, "variant");
        if (items is null)
            return null;

        var names = new UniqueNames("variants");
        var variants = new List<VariantDefinition>();
        var weights = new List<int?>();
        for (var index = 0; index < items.Count; index++)
        {
            var (variant, weight) = ReadVariant(items[index], index, names, log);
            if (variant is not null)
                variants.Add(variant);
            weights.Add(weight);
        }

        // With a weight already reported, a sum would only repeat that problem.
        if (weights.All(weight => weight is not null))
        {
            var sum = weights.Sum(weight => (long)weight!.Value);
            if (sum != TotalWeight)
                log.Report(field.Path, $"weights sum to {sum}, expected {TotalWeight}");
        }

        return variants;
    }

    static (VariantDefinition? Variant, int? Weight) ReadVariant(JsonField field, int index, UniqueNames names, ErrorLog log)
    {
        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return (null, null);

        var name = fields.Required("name", log) is { } nameField
            ? names.Claim(Names.ReadVariantName(nameField, log), index, nameField, log)
            : null;
        var weight = fields.Required("weight", log) is { } weightField
            ? JsonValues.ReadWholeNumber(weightField, log, atLeast: 1)
            : null;
        var template = fields.Get("template") is { } templateField ? Names.ReadIdentifier(templateField, log) : null;
        var channels = fields.Get("channels") is { } channelsField ? ChannelsReader.Read(channelsField, log) : null;

        var variant = name is null || weight is null ? null : new VariantDefinition(name, weight.Value, template, channels);
        return (variant, weight);
    }
}
