using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Tests.Cli;

/// <summary>
/// <c>simulate --report</c>. samples/expected-report.json was reviewed by hand against
/// samples/expected-effects.ndjson; docs/metrics.md §4 lists every figure checked and how.
/// </summary>
public class SimulateReportTests
{
    static readonly string Events = SimulateCommandTests.Events;
    static readonly string Config = SimulateCommandTests.Config;

    static Task<(int Exit, string Stdout, string Stderr)> Simulate(params string[] args) => SimulateCommandTests.Simulate(args);

    [Fact]
    public async Task The_sample_report_is_the_reviewed_one_and_the_effects_stay_byte_identical()
    {
        var report = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, stdout, _) = await Simulate("--events", Events, "--config", Config, "--report", report);
            Assert.Equal(0, exit);
            Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples/expected-effects.ndjson")), stdout);
            Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples/expected-report.json")), await File.ReadAllTextAsync(report));
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task The_reviewed_figures_of_the_sample()
    {
        var report = MetricsReportJson.Parse(await File.ReadAllBytesAsync(RepositoryFiles.PathOf("samples/expected-report.json")));
        var cart = report.Triggers.Single(t => t.Trigger == "abandoned_cart");
        Assert.Equal(("Asia/Bangkok", "THB", 10L, 1L), (report.TimeZone, report.Currency, report.CartsStarted, report.EventsRejected));
        Assert.Equal((10L, 9L, 0.9), (cart.Entered, cart.Abandoned, cart.AbandonmentRate));
        Assert.Equal((15L, 1L, 8L, 2L), (cart.Messages.Sent, cart.Messages.Deferred, cart.Messages.Suppressed["no_reachable_channel"], cart.Messages.Suppressed["holdout"]));
        Assert.Equal(new GroupOutcome(8, 3, 3, 35980m, 0.375), cart.Outcome.Treated);
        Assert.Equal(new GroupOutcome(1, 1, 1, 2490m, 1), cart.Outcome.Holdout);
        Assert.Equal(new LiftEstimate(-0.625, -0.84671, -0.082619, RateComparison.Method, null), cart.Outcome.Lift);
        Assert.Equal(new IncrementalEstimate(-5, -59966.67m, null), cart.Outcome.Incremental);
        Assert.Equal([6L, 12L, 0L, 4L], report.Funnel.Stages.Select(s => s.Count));
        Assert.Equal(38470m, report.Funnel.OrderRevenue);
    }

    [Fact]
    public async Task A_summary_table_goes_to_stderr()
    {
        var report = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        try
        {
            var (_, _, stderr) = await Simulate("--events", Events, "--config", Config, "--report", report);
            Assert.Contains("Carts started 10, events rejected 1", stderr);
            Assert.Contains("product_viewed 6  ->  added_to_cart 12 (100 % more)  ->  checkout_started 0 (drop-off 100 %)  ->  order_completed 4", stderr);
            Assert.Contains("abandoned_cart    all                      10   25    15          10         1       3  37.5 %       1   100 %    -62.5 % [-84.7 %, -8.3 %]", stderr);
            Assert.Contains("Abandonment alert: not raised", stderr);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task An_unwritable_report_file_exits_3_after_writing_the_effects()
    {
        var report = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "report.json");
        var (exit, stdout, stderr) = await Simulate("--events", Events, "--config", Config, "--report", report);
        Assert.Equal(3, exit);
        Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples/expected-effects.ndjson")), stdout);
        Assert.StartsWith($"--report: {report}: cannot write the report (", stderr);
    }

    [Fact]
    public async Task Report_needs_a_file_name()
    {
        var (exit, _, stderr) = await Simulate("--events", Events, "--config", Config, "--report");
        Assert.Equal(2, exit);
        Assert.Contains("--report: needs a value", stderr);
    }
}
