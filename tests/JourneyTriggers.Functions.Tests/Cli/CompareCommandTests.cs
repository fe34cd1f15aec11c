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

    [Theory]
    [InlineData("\"currency\": \"THB\"", "\"currency\": \"USD\"", @"The reports differ in currency: A THB, B USD")]
    [InlineData("\"timeZone\": \"Asia/Bangkok\"", "\"timeZone\": \"UTC\"", @"The reports differ in time zone: A Asia/Bangkok, B UTC")]
    [InlineData("\"raised\": false", "\"raised\": true", @"alert\s+raised\s+0\s+1")]
    [InlineData("\"thresholdPercent\": 20", "\"thresholdPercent\": 5", @"The reports differ in abandonment alert threshold: A 20 %, B 5 %; their figures do not measure the same thing\.")]
    [InlineData("\"day\": \"2026-11-22\",\n    \"rate\"", "\"day\": \"2026-11-21\",\n    \"rate\"", @"The reports differ in abandonment alert day: A 2026-11-22, B 2026-11-21\.")]
    [InlineData("\"trailingDays\": 5", "\"trailingDays\": 4", @"alert\s+trailing days\s+5\s+4")]
    [InlineData("\"control\": \"A\"", "\"control\": \"B\"", @"The reports differ in control of abandoned_cart step 3 variant A: A A, B B; their figures do not measure the same thing\.")]
    [InlineData("\"trigger\": null", "\"trigger\": \"abandoned_cart\"", @"The reports differ in trigger filter: A none, B abandoned_cart")]
    [InlineData("\"eventsRejected\": 1", "\"eventsRejected\": 2", @"\(report\)\s+all\s+events rejected\s+1\s+2")]
    [InlineData("\"clicks\": 0", "\"clicks\": 1", @"abandoned_cart\s+all\s+clicks\s+0\s+1")]
    [InlineData("\"stage\": \"checkout_started\",\n        \"count\": 0", "\"stage\": \"checkout_started\",\n        \"count\": 3", @"funnel\s+checkout_started\s+0\s+3")]
    public async Task Reports_that_differ_in_any_figure_or_setting_differ(string find, string replace, string shown)
    {
        var text = await File.ReadAllTextAsync(Reviewed);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var changed = Path.Combine(folder, "changed.json");
        await File.WriteAllTextAsync(changed, ReplaceFirst(text, find, replace));

        var (exit, stdout, stderr) = await Run("compare", Reviewed, changed);

        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        Assert.Matches(shown, stdout);
        Assert.DoesNotContain("No differences.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_of_an_earlier_version_is_refused_with_how_to_get_one_that_compares()
    {
        var text = await File.ReadAllTextAsync(Reviewed);
        var older = Path.Combine(folder, "older.json");
        await File.WriteAllTextAsync(older, System.Text.RegularExpressions.Regex.Replace(text, @"\s*""converted"": \d+,", ""));

        var (exit, _, stderr) = await Run("compare", older, Reviewed);

        Assert.Equal(2, exit);
        Assert.Contains("'converted'", stderr, StringComparison.Ordinal);
        Assert.Contains("run that replay again with this version", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_days_figure_is_compared()
    {
        var text = await File.ReadAllTextAsync(Reviewed);
        var day = text.IndexOf("\"holdoutConversions\": 0", text.IndexOf("\"days\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var changed = Path.Combine(folder, "changed.json");
        await File.WriteAllTextAsync(changed, text[..day] + "\"holdoutConversions\": 7" + text[(day + "\"holdoutConversions\": 0".Length)..]);

        var (exit, stdout, _) = await Run("compare", Reviewed, changed);

        Assert.Equal(1, exit);
        Assert.Matches(@"\(report\)\s+day 2026-11-\d\d\s+holdout conversions\s+0\s+7", stdout);
    }

    [Fact]
    public async Task A_report_saved_with_a_byte_order_mark_reads_as_the_same_report()
    {
        var saved = Path.Combine(folder, "saved.json");
        await File.WriteAllTextAsync(saved, await File.ReadAllTextAsync(Reviewed), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (exit, stdout, stderr) = await Run("compare", Reviewed, saved);

        Assert.Equal((0, ""), (exit, stderr));
        Assert.EndsWith("No differences." + Environment.NewLine, stdout);
    }

    static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
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
    [InlineData("{ not json", "not a report written by simulate --report: it is not JSON (line 1)")]
    [InlineData("""{"from":"2026-11-16","cartsStarted":0,"surprise":1}""", "not a report written by simulate --report: it has a field no report has at $.surprise")]
    [InlineData("""{"from":"2026-11-16"}""", "not a report written by simulate --report")]
    [InlineData("[1, 2]", "not a report written by simulate --report")]
    [InlineData("""{"from":null,"to":null,"trigger":null,"timeZone":"UTC","currency":"THB","cartsStarted":0,"eventsRejected":0,"funnel":{"stages":[],"orderRevenue":0},"triggers":[null],"days":[],"alert":{"day":null,"rate":null,"trailingMean":null,"trailingDays":0,"thresholdPercent":20,"raised":false,"reason":"none"}}""",
        "not a report written by simulate --report: at $.triggers[0]: an entry is null")]
    public async Task A_file_that_is_not_a_report_is_refused_with_where_it_went_wrong(string content, string expected)
    {
        var bad = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(bad, content, Encoding.UTF8);
        var (exit, stdout, stderr) = await Run("compare", bad, Reviewed);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"{bad}: {expected}", stderr);
        Assert.DoesNotContain("JourneyTriggers.", stderr, StringComparison.Ordinal);
    }
}
