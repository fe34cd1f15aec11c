namespace JourneyTriggers.Functions.Cli;

/// <summary><c>simulate</c>'s events cannot be read at all (not one line of them); the message says why, for stderr.</summary>
internal sealed class UnreadableEventsException(string message) : Exception(message);
