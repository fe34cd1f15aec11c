using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// <c>simulate --report FILE</c>: the replay's metrics as JSON in FILE and a readable summary on
/// stderr. The effect lines on stdout are untouched.
/// </summary>
internal static class ReplayReport
{
    public static async Task<int> WriteAsync(ReplayMetrics metrics, TriggerConfiguration configuration, string path, TextWriter stderr)
    {
        var report = MetricsReporting.Report(metrics.ToTally(), MetricsQuery.All, configuration);
        try
        {
            await File.WriteAllBytesAsync(path, MetricsReportJson.ToUtf8(report));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"--report: {path}: cannot write the report ({e.Message})");
            return ExitCodes.ReportNotWritten;
        }
        await stderr.WriteAsync(ReportSummary.Format(report));
        return ExitCodes.Ok;
    }
}
