namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>What loading a configuration file gives: the validated model, or every problem found.</summary>
public abstract record ConfigurationLoadResult
{
    private ConfigurationLoadResult() { }

    public sealed record Loaded(TriggerConfiguration Configuration) : ConfigurationLoadResult;

    /// <summary>
    /// Never empty. In the order the loader walks the file: <c>defaults</c>, then each trigger in turn
    /// and, within an object, unknown or repeated keys before the problems with its values.
    /// </summary>
    public sealed record Invalid(IReadOnlyList<ConfigurationError> Errors) : ConfigurationLoadResult;
}
