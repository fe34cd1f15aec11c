namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// The arguments of <c>serve</c>. Our three options take a value, as <c>--config FILE</c> or
/// <c>--config=FILE</c>; any other <c>--Key=value</c> is an ASP.NET Core setting and passes through,
/// which is also how WebApplicationFactory hands the tests' settings to the entry point.
/// <c>--custom-handler</c> (a flag; <c>--custom-handler=true</c> also, which is how a test host passes it)
/// serves the Azure Functions host instead of callers (host.json's <c>customHandler.description.arguments</c>).
/// </summary>
internal sealed record ServeArguments(string ConfigPath, string DataDirectory, string[] HostArguments, bool CustomHandler = false)
{
    /// <summary>The configuration key the data directory reaches the host under.</summary>
    public const string DataDirectoryKey = "Standalone:DataDirectory";

    public const string CustomHandlerFlag = "--custom-handler";

    /// <summary>
    /// Settings are read once, at start-up. Reloading appsettings.json on change had the host watch the whole content
    /// root, the working directory, with every folder under it: the data folder too, whose SQLite files change on every
    /// write, so the watcher's thread took 9% of the service's CPU at 25,000 events/s (docs/performance.md, "Session 13").
    /// </summary>
    public const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    public static (ServeArguments? Arguments, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        string? config = null, data = null;
        var customHandler = false;
        var host = new List<string>();
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (name == CustomHandlerFlag)
            {
                if (equals < 0) customHandler = true;
                else if (!bool.TryParse(arg[(equals + 1)..], out customHandler)) problems.Add($"{arg}: {CustomHandlerFlag} takes no value (or true/false)");
                continue;
            }
            if (name is not ("--config" or "--data" or "--urls"))
            {
                if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2) host.Add(arg);
                else problems.Add($"{arg}: unknown option; expected --config FILE, --data DIR, --urls URL or an ASP.NET Core setting as --Key=value");
                continue;
            }
            string value;
            if (equals > 0) value = arg[(equals + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
            else
            {
                problems.Add($"{name}: needs a value");
                continue;
            }
            if (value.Length == 0) problems.Add($"{name}: needs a value");
            else if (name == "--config") config = value;
            else if (name == "--data") data = value;
            else host.Add($"--urls={value}");
        }
        var dataDirectory = Path.GetFullPath(data ?? "data");
        // Ours first, so that an explicit --Standalone:DataDirectory=… later on the line still wins.
        host.Insert(0, $"--{DataDirectoryKey}={dataDirectory}");
        host.Insert(0, NoConfigurationReload);
        return problems.Count > 0
            ? (null, problems)
            : (new ServeArguments(Path.GetFullPath(config ?? ServeOptions.BundledConfigPath), dataDirectory, [.. host], customHandler), problems);
    }
}
