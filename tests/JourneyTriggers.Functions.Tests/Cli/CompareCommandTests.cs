using System.Text;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Tests.Cli;

public class CompareCommandTests : IDisposable
{
    static readonly string Events = SimulateCommandTests.Events;
    static readonly string Config = SimulateCommandTests.Config;
    static readonly string Reviewed = RepositoryFiles.PathOf("samples/expected-report.json");
    readonly string folder = Directory.CreateTempSubdirectory("compare-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, _ => Task.FromResult(0));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    async Task<string> ReportWith(string name, string config)
    {
        var report = Path.Combine(folder, name);
        var exit = await SimulateCommand.RunAsync(["--events", Events, "--config", config, "--report", report], Stream.Null, TextWriter.Null);
        Assert.Equal(0, exit);
        return report;
    }

    [Fact]
    public async Task Identical_reports_exit_0()
    {
        var (exit, stdout, stderr) = await Run("compare", Reviewed, Reviewed);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.EndsWith("No differences." + Environment.NewLine, stdout);
    }

    [Fact]
    public async Task Another_configuration_shows_its_differences_per_row_and_its_lifts_side_by_side()
    {
        // The same month with no holdout on the cart trigger and no third step.
        var other = Path.Combine(folder, "other.json");
        var text = await File.ReadAllTextAsync(Config);
        await File.WriteAllTextAsync(other, text
            .Replace("\"reentryCooldown\": \"PT12H\",", "\"reentryCooldown\": \"PT12H\", \"holdoutPercent\": 0,", StringComparison.Ordinal));
        var b = await ReportWith("b.json", other);

        var (exit, stdout, stderr) = await Run("compare", Reviewed, b);
        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        // c-1001 is treated now: 9 treated abandoned journeys, 4 conversions.
        Assert.Matches(@"abandoned_cart\s+all\s+treated conversions\s+3\s+4\s+\+1\s+\+33\.3 %\s+B", stdout);
        Assert.Matches(@"abandoned_cart\s+all\s+-62\.5 % \[-84\.7 %, -8\.3 %\]\s+n/a\s+n/a", stdout);
        Assert.Contains("lift A [95% CI]", stdout);
    }

    [Fact]
    public async Task Wrong_arguments_exit_2()
    {
        var (exit, _, stderr) = await Run("compare", Reviewed);
        Assert.Equal(2, exit);
        Assert.Contains("compare: needs exactly two report files", stderr);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var missing = Path.Combine(folder, "nope.json");
        var (exit, _, stderr) = await Run("compare", Reviewed, missing);
        Assert.Equal(2, exit);
        Assert.Equal($"{missing}: no such file", stderr.Trim());
    }

    [Theory]
    [InlineData("{ not json", "not a report written by simulate --report at $ (line 1)")]
    [InlineData("""{"from":"2026-11-16"}""", "not a report written by simulate --report")]
    [InlineData("[1, 2]", "not a report written by simulate --report")]
    public async Task A_file_that_is_not_a_report_is_refused_with_where_it_went_wrong(string content, string expected)
    {
        var bad = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(bad, content, Encoding.UTF8);
        var (exit, stdout, stderr) = await Run("compare", bad, Reviewed);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"{bad}: {expected}", stderr);
    }
}
