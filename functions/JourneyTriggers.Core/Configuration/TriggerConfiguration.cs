namespace JourneyTriggers.Core.Configuration;

/// <summary>A validated trigger configuration (DESIGN 4.3): what every host and the simulator run.</summary>
public sealed record TriggerConfiguration(ConfigurationDefaults Defaults, IReadOnlyList<TriggerDefinition> Triggers);
