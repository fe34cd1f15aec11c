namespace JourneyTriggers.Core.Configuration;

/// <summary>A validated trigger configuration (DESIGN 4.3): what every host and the simulator run.</summary>
public sealed record TriggerConfiguration(ConfigurationDefaults Defaults, IReadOnlyList<TriggerDefinition> Triggers)
{
    /// <summary>The trigger of that name; null for one this configuration no longer has (a document or report may still name it).</summary>
    public TriggerDefinition? Find(string name) => Triggers.FirstOrDefault(t => t.Name == name);
}
