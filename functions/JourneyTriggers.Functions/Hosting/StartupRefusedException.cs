namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// The service cannot start for a reason the operator must fix (an adapter not plugged in, an unusable
/// data directory). <see cref="Cli.ServeCommand"/> catches it to print the message alone and exit 1.
/// </summary>
internal sealed class StartupRefusedException(string message) : Exception(message);
