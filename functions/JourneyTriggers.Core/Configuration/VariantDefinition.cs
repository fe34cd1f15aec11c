namespace JourneyTriggers.Core.Configuration;

/// <summary>An A/B arm. Template and Channels override the step's or branch's where set.</summary>
public sealed record VariantDefinition(string Name, int Weight, string? Template, IReadOnlyList<Channel>? Channels);
