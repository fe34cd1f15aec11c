using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Functions.Hosting;
using Microsoft.AspNetCore.Connections;

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
                return await ServeAsync(new ServeOptions(arguments.ConfigPath, loaded.Configuration, arguments.DataDirectory, arguments.HostArguments, arguments.CustomHandler), stderr, serve);
            default:
                throw new InvalidOperationException("Unknown configuration load result.");
        }
    }

    /// <summary>
    /// A refused start-up (an adapter missing, an unusable key file, the address taken) is the operator's to fix: its
    /// message alone, exit 1. Templates that do not fit the configuration are invalid input, like the configuration: exit 2.
    /// </summary>
    static async Task<int> ServeAsync(ServeOptions options, TextWriter stderr, Func<ServeOptions, Task<int>> serve)
    {
        try
        {
            return await serve(options);
        }
        catch (StartupRefusedException refused)
        {
            await stderr.WriteLineAsync(refused.Message);
            return ExitCodes.StartupFailed;
        }
        catch (TemplateValidationException templates)
        {
            // A template the configuration names but no locale has, or an override that does not parse: the input is wrong.
            await stderr.WriteLineAsync($"JourneyTriggers cannot start: {templates.Message}");
            await stderr.WriteLineAsync($"Fix the templates the configuration names ({options.ConfigPath}) or the overrides (Messages:TemplateOverridesDirectory), then start again.");
            return ExitCodes.InvalidInput;
        }
        catch (IOException taken) when (taken.InnerException is AddressInUseException)
        {
            await stderr.WriteLineAsync($"JourneyTriggers cannot start: {taken.Message} Another process listens there (another " +
                "JourneyTriggers, perhaps): stop it, or listen elsewhere with --urls, e.g. --urls http://localhost:7072.");
            return ExitCodes.StartupFailed;
        }
    }

    static async Task<int> Fail(TextWriter stderr, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) await stderr.WriteLineAsync(problem);
        return ExitCodes.InvalidInput;
    }
}
