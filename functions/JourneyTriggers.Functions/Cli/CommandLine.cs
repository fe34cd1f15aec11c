namespace JourneyTriggers.Functions.Cli;

/// <summary>Dispatches the command line to its commands. With no command, or only options, it serves.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage:
          journeytriggers [serve] [--config FILE] [--data DIR] [--urls URL] [--Key=value ...]
              Runs the standalone HTTP service (default http://localhost:7071).
              --config  trigger configuration (default: Defaults/triggers.json next to the binary)
              --data    data directory: access keys, and the store (default: ./data)
              --urls    where to listen, e.g. http://127.0.0.1:8080
              Any ASP.NET Core setting may follow as --Key=value; access keys come from
              Auth:IngestionKeys and Auth:AdminKey (env Auth__IngestionKeys__0, Auth__AdminKey), or are
              generated into DIR/keys.json at first start.

          journeytriggers simulate --events FILE --config FILE [--until INSTANT] [--report FILE]
              Replays touchpoints (JSON lines: native, Segment or CloudEvents, mixed) through the
              trigger configuration with a virtual clock, and writes every decision as JSON lines.
              --events - reads standard input; a gzip-compressed file is read as such.
              --until defaults to 30 days after the latest event timestamp (inclusive).
              --report writes the replay's metrics (docs/metrics.md) as JSON to FILE and a summary
              table to stderr; stdout stays the same.

          journeytriggers compare A.json B.json
              Prints how two --report files differ per trigger, step, branch, variant and channel:
              absolute and relative changes, lifts with their 95 % intervals side by side.

        Exit codes: 0 done (compare: no differences), 1 the service could not start (compare: the
        reports differ), 2 invalid arguments, files or configuration (reasons on stderr),
        3 simulate could not write the --report file (the effects were written).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<ServeOptions, Task<int>> serve)
    {
        switch (args.FirstOrDefault())
        {
            case "simulate":
                return await SimulateCommand.RunAsync(args[1..], Console.OpenStandardOutput(), stderr);
            case "compare":
                return await CompareCommand.RunAsync(args[1..], stdout, stderr);
            case "help" or "--help" or "-h":
                await stdout.WriteLineAsync(Usage);
                return ExitCodes.Ok;
            case "serve":
                return await ServeCommand.RunAsync(args[1..], stderr, serve);
            case null:
            case { } option when option.StartsWith("--", StringComparison.Ordinal):
                return await ServeCommand.RunAsync(args, stderr, serve);
            default:
                await stderr.WriteLineAsync($"Unknown command \"{args[0]}\".");
                await stderr.WriteLineAsync(Usage);
                return ExitCodes.InvalidInput;
        }
    }
}
