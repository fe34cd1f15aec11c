namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>One trigger, with the defaults applied where it does not override them.</summary>
internal static class TriggerReader
{
    // Only browse abandonment counts views (DESIGN 4.3.1); other kinds carry the default, unused.
    const int DefaultMinViews = 2;

    static readonly string[] Keys = ["name", "kind", "steps", "minViews", "reentryCooldown", .. OverridableSettings.Keys];

    static readonly (string Wire, TriggerKind Value)[] Kinds =
        Enum.GetValues<TriggerKind>().Select(kind => (kind.ToWire(), kind)).ToArray();

    public static TriggerDefinition? Read(
        JsonField field, int index, ConfigurationDefaults defaults, UniqueNames names, ErrorLog log)
    {
        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return null;

        var name = fields.Required("name", log) is { } nameField
            ? names.Claim(Names.ReadIdentifier(nameField, log), index, nameField, log)
            : null;
        var kind = fields.Required("kind", log) is { } kindField ? JsonValues.ReadOneOf(kindField, log, Kinds) : null;
        var steps = fields.Required("steps", log) is { } stepsField ? ReadSteps(stepsField, log) : null;
        var minViews = ReadMinViews(fields, kind, log);
        var cooldown = fields.Get("reentryCooldown") is { } cooldownField
            ? IsoDurations.Read(cooldownField, log, allowZero: false)
            : null;
        var settings = new OverridableSettings(defaults.HoldoutPercent, defaults.QuietHours, defaults.AttributionWindow)
            .Override(fields, log);

        return name is null || kind is null || steps is null
            ? null
            : new TriggerDefinition(
                name, kind.Value, steps, minViews, cooldown,
                settings.HoldoutPercent, settings.QuietHours, settings.AttributionWindow);
    }

    static IReadOnlyList<StepDefinition>? ReadSteps(JsonField field, ErrorLog log)
    {
        var items = JsonValues.ReadItems(field, log, "step");
        if (items is null)
            return null;

        var steps = new List<StepDefinition>();
        for (var index = 0; index < items.Count; index++)
        {
            if (StepReader.Read(items[index], number: index + 1, log) is { } step)
                steps.Add(step);
        }

        return steps;
    }

    static int ReadMinViews(ObjectFields fields, TriggerKind? kind, ErrorLog log)
    {
        if (fields.Get("minViews") is not { } field)
            return DefaultMinViews;
        // Silently ignoring it elsewhere would let an author believe it does something there.
        if (kind is TriggerKind.BrowseAbandoned)
            return JsonValues.ReadWholeNumber(field, log, atLeast: 1) ?? DefaultMinViews;
        if (kind is not null)
            log.Report(field.Path, "only applies to kind \"browse_abandoned\"");
        return DefaultMinViews;
    }
}
