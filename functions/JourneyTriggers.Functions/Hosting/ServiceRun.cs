using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Hosting;

internal static class ServiceRun
{
    /// <summary>Runs until Ctrl+C or SIGTERM; a refused start-up prints its reason and exits 1.</summary>
    public static async Task<int> RunJourneyTriggersAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return ExitCodes.Ok;
        }
        catch (StartupRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return ExitCodes.StartupFailed;
        }
    }
}
