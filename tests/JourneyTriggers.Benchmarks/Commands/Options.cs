using System.Globalization;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary><c>--name value</c> pairs; small enough not to need a command-line package.</summary>
internal sealed class Options
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    Options() { }

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new UsageException($"Expected '--name value', got '{args[i]}'.");
            options.values[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    public string? String(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => String(name) ?? throw new UsageException($"--{name} is required.");

    public int Int(string name, int fallback, int min = 1) => String(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new UsageException($"--{name} must be a whole number of at least {min}, got '{text}'.");
}

/// <summary>A command line we cannot run; the message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
