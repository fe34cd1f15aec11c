using JourneyTriggers.Core.Configuration.Loading;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// <c>serve</c>: checks the arguments and the trigger configuration before anything listens (exit 2
/// with every reason), then hands over to the host that <c>Program</c> builds.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stderr, Func<ServeOptions, Task<int>> serve)
    {
        var (arguments, problems) = ServeArguments.Parse(args);
        if (arguments is null) return await Fail(stderr, problems);
        if (!File.Exists(arguments.ConfigPath)) return await Fail(stderr, [$"--config: {arguments.ConfigPath}: no such file"]);

        switch (ConfigurationLoader.Load(await File.ReadAllBytesAsync(arguments.ConfigPath)))
        {
            case ConfigurationLoadResult.Invalid invalid:
                return await Fail(stderr, invalid.Errors.Select(e => $"{arguments.ConfigPath}: {e}").ToList());
            case ConfigurationLoadResult.Loaded loaded:
                return await serve(new ServeOptions(arguments.ConfigPath, loaded.Configuration, arguments.DataDirectory, arguments.HostArguments));
            default:
                throw new InvalidOperationException("Unknown configuration load result.");
        }
    }

    static async Task<int> Fail(TextWriter stderr, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) await stderr.WriteLineAsync(problem);
        return ExitCodes.InvalidInput;
    }
}
