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
            var where = e.Path is { } p ? $" at {p}" : "";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            // A report of an earlier version lacks the figures added since; the reader names the first it missed.
            var older = e.Message.Contains("missing required properties", StringComparison.Ordinal)
                ? " (a report written by an earlier version lacks figures added since: run that replay again with this version)"
                : "";
            await stderr.WriteLineAsync($"{path}: not a report written by simulate --report{where}{line}: {e.Message}{older}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{path}: cannot read ({e.Message})");
            return null;
        }
    }
}
