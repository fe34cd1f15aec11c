using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// What <c>serve</c> starts with: the validated trigger configuration, where its file was, the data
/// directory (keys, and the SQLite store once it is plugged in), and the arguments handed on to
/// ASP.NET Core's own configuration (<c>--urls=…</c>, <c>--Auth:AdminKey=…</c>), and whether it serves the
/// Azure Functions host as its custom handler rather than callers directly.
/// </summary>
internal sealed record ServeOptions(string ConfigPath, TriggerConfiguration Configuration, string DataDirectory, string[] HostArguments, bool CustomHandler = false)
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>The configuration bundled next to the binary, used when no <c>--config</c> is given.</summary>
    public static string BundledConfigPath => Path.Combine(AppContext.BaseDirectory, "Defaults", "triggers.json");
}
