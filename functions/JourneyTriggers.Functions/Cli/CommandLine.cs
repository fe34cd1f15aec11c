namespace JourneyTriggers.Functions.Cli;

/// <summary>Dispatches the command line to its commands.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage:
          journeytriggers simulate --events FILE --config FILE [--until INSTANT]
              Replays touchpoints (JSON lines: native, Segment or CloudEvents, mixed) through the
              trigger configuration with a virtual clock, and writes every decision as JSON lines.
              --until defaults to 30 days after the latest event timestamp (inclusive).

        Exit codes: 0 done, 2 invalid arguments or configuration (reasons on stderr).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (args.FirstOrDefault())
        {
            case "simulate":
                return await SimulateCommand.RunAsync(args[1..], Console.OpenStandardOutput(), stderr);
            case "help" or "--help" or "-h":
                await stdout.WriteLineAsync(Usage);
                return ExitCodes.Ok;
            case null:
                await stderr.WriteLineAsync(Usage);
                return ExitCodes.InvalidInput;
            default:
                await stderr.WriteLineAsync($"Unknown command \"{args[0]}\".");
                await stderr.WriteLineAsync(Usage);
                return ExitCodes.InvalidInput;
        }
    }
}
