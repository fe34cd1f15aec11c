namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// The arguments of <c>serve</c>. Our three options take a value, as <c>--config FILE</c> or
/// <c>--config=FILE</c>; any other <c>--Key=value</c> is an ASP.NET Core setting and passes through,
/// which is also how WebApplicationFactory hands the tests' settings to the entry point.
/// </summary>
internal sealed record ServeArguments(string ConfigPath, string DataDirectory, string[] HostArguments)
{
    /// <summary>The configuration key the data directory reaches the host under.</summary>
    public const string DataDirectoryKey = "Standalone:DataDirectory";

    public static (ServeArguments? Arguments, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        string? config = null, data = null;
        var host = new List<string>();
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
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
        return problems.Count > 0
            ? (null, problems)
            : (new ServeArguments(Path.GetFullPath(config ?? ServeOptions.BundledConfigPath), dataDirectory, [.. host]), problems);
    }
}
