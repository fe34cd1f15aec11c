namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// One problem in a configuration file. <see cref="Path"/> points into the JSON
/// (<c>triggers[0].steps[1].after</c>, array indexes from 0; <c>$</c> is the whole document).
/// </summary>
public sealed record ConfigurationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
