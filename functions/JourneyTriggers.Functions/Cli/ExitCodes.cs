namespace JourneyTriggers.Functions.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad arguments, unreadable files or an invalid configuration: nothing was replayed.</summary>
    public const int InvalidInput = 2;
}
