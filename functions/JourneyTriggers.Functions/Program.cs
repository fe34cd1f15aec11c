using JourneyTriggers.Functions.Cli;

// One executable: the command line today; the standalone service and the custom handler build on it.
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
