namespace JourneyTriggers.Functions.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The service could not start: a port has no adapter, or the data directory is unusable (reason on stderr).</summary>
    public const int StartupFailed = 1;
    /// <summary>Bad arguments, unreadable files or an invalid configuration: nothing was replayed.</summary>
    public const int InvalidInput = 2;
    /// <summary><c>simulate --report</c>: the replay ran and its effects were written, but the report file could not be.</summary>
    public const int ReportNotWritten = 3;
    /// <summary><c>compare</c>: the two reports differ in at least one figure (0 means identical figures).</summary>
    public const int ReportsDiffer = 1;
}
