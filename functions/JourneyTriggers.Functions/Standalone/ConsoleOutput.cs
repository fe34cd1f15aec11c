namespace JourneyTriggers.Functions.Standalone;

/// <summary>Where the start-up banner goes: the console, or a test's writer. Not a log: it is for the person who started us.</summary>
internal sealed record ConsoleOutput(TextWriter Writer);
