using System.Text.Json;
using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// <c>compare A.json B.json</c>: the differences between two <c>simulate --report</c> files, per
/// trigger, step, branch, variant and channel. Exit 0 when every figure is the same, 1 when some
/// differ (printed on stdout), 2 when an argument or a file is wrong (reason on stderr).
/// </summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count != 2 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            await stderr.WriteLineAsync("compare: needs exactly two report files: compare A.json B.json (written by simulate --report)");
            return ExitCodes.InvalidInput;
        }
        var a = await ReadAsync(args[0], stderr);
        var b = await ReadAsync(args[1], stderr);
        if (a is null || b is null) return ExitCodes.InvalidInput;

        var differences = ReportComparison.Compare(a, b);
        await stdout.WriteAsync(ReportComparison.Format(args[0], args[1], a, b, differences));
        return differences.Count == 0 ? ExitCodes.Ok : ExitCodes.ReportsDiffer;
    }

    /// <summary>What is wrong with the file in a reader's words: the serializer's own names the .NET types it reads into.</summary>
    static string Reason(JsonException e)
    {
        var where = e.Path is { Length: > 1 } p ? $" at {p}" : "";
        var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"it has a field no report has{where}";
        // A report of an earlier version lacks the figures added since.
        const string Missing = "missing required properties including: ";
        if (e.Message.IndexOf(Missing, StringComparison.Ordinal) is var at and >= 0)
            return $"it lacks {e.Message[(at + Missing.Length)..].TrimEnd('.')}{where}; a report written by an earlier version lacks figures added since: run that replay again with this version";
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
            return $"a field holds the wrong kind of value{where}{line}";
        // The serializer's syntax errors carry its zero-based position; the report reader's own messages do not.
        if (e.Message.Contains("LineNumber:", StringComparison.Ordinal))
            return $"it is not JSON{line}";
        return where.Length > 0 ? $"{where.TrimStart()}: {e.Message}" : e.Message;
    }

    static async Task<MetricsReport?> ReadAsync(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"{path}: no such file");
            return null;
        }
        try
        {
            return MetricsReportJson.Parse(await File.ReadAllBytesAsync(path));
        }
        catch (JsonException e)
        {
            await stderr.WriteLineAsync($"{path}: not a report written by simulate --report: {Reason(e)}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{path}: cannot read ({e.Message})");
            return null;
        }
    }
}
