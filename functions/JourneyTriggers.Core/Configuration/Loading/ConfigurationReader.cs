namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>The document root: optional <c>defaults</c> and a non-empty <c>triggers</c> list.</summary>
internal static class ConfigurationReader
{
    static readonly string[] Keys = ["defaults", "triggers"];

    public static TriggerConfiguration? Read(JsonField root, ErrorLog log)
    {
        var fields = ObjectFields.Open(root, log, Keys);
        if (fields is null)
            return null;

        var defaults = DefaultsReader.Read(fields.Get("defaults"), log);
        var triggers = fields.Required("triggers", log) is { } triggersField ? ReadTriggers(triggersField, defaults, log) : null;
        return triggers is null ? null : new TriggerConfiguration(defaults, triggers);
    }

    static IReadOnlyList<TriggerDefinition>? ReadTriggers(JsonField field, ConfigurationDefaults defaults, ErrorLog log)
    {
        var items = JsonValues.ReadItems(field, log, "trigger");
        if (items is null)
            return null;

        var names = new UniqueNames("triggers");
        var triggers = new List<TriggerDefinition>();
        for (var index = 0; index < items.Count; index++)
        {
            if (TriggerReader.Read(items[index], index, defaults, names, log) is { } trigger)
                triggers.Add(trigger);
        }

        return triggers;
    }
}
