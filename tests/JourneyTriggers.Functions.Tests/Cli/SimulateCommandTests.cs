using System.Diagnostics;
using System.Text;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Tests.Cli;

public class SimulateCommandTests
{
    internal static readonly string Events = RepositoryFiles.PathOf("samples/events.ndjson");
    internal static readonly string Config = RepositoryFiles.PathOf("samples/config.json");

    internal static Task<(int Exit, string Stdout, string Stderr)> Simulate(params string[] args) => SimulateWithInput(null, args);

    /// <param name="stdin">What <c>--events -</c> reads.</param>
    internal static async Task<(int Exit, string Stdout, string Stderr)> SimulateWithInput(byte[]? stdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = await SimulateCommand.RunAsync(args, stdout, stderr, stdin is null ? null : () => new OneWayStream(stdin));
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task A_template_no_shipped_locale_has_is_warned_of_and_the_replay_goes_on_unchanged()
    {
        var config = Path.Combine(Path.GetTempPath(), $"jt-config-{Guid.NewGuid():N}.json");
        var shipped = await File.ReadAllTextAsync(Config);
        await File.WriteAllTextAsync(config, shipped.Replace("\"cart-reminder-1\"", "\"cart-reminder-9\"", StringComparison.Ordinal));
        try
        {
            var (exit, stdout, stderr) = await Simulate("--events", Events, "--config", config);
            var (_, reviewed, _) = await Simulate("--events", Events, "--config", Config);

            Assert.Equal(0, exit);
            Assert.Equal($"{config}: warning: no shipped template is named 'cart-reminder-9'; the service refuses to start with this configuration " +
                "unless the folder Messages:TemplateOverridesDirectory has it (en-US/cart-reminder-9/…)", stderr.Trim());
            Assert.Equal(reviewed, stdout.Replace("cart-reminder-9", "cart-reminder-1", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task An_until_before_the_last_event_is_warned_of_and_every_event_is_still_replayed()
    {
        var (exit, stdout, stderr) = await Simulate("--events", Events, "--config", Config, "--until", "2026-11-16T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.StartsWith("--until: warning: 2026-11-16T00:00:00Z is before the latest event (2026-11-22T", stderr, StringComparison.Ordinal);
        Assert.Contains("event.rejected", stdout, StringComparison.Ordinal);
        var (_, _, inRange) = await Simulate("--events", Events, "--config", Config, "--until", "2026-12-31T00:00:00Z");
        Assert.Equal("", inRange);
    }

    [Fact]
    public async Task The_sample_week_gives_the_reviewed_output_byte_for_byte()
    {
        var (exit, stdout, stderr) = await Simulate("--events", Events, "--config", Config);
        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples/expected-effects.ndjson")), stdout);
    }

    [Fact]
    public async Task Events_from_standard_input_or_a_gzip_file_give_the_same_bytes_as_the_file()
    {
        var expected = (await Simulate("--events", Events, "--config", Config)).Stdout;
        var sample = await File.ReadAllBytesAsync(Events);

        var piped = await SimulateWithInput(sample, "--events", "-", "--config", Config);
        Assert.Equal((0, ""), (piped.Exit, piped.Stderr));
        Assert.Equal(expected, piped.Stdout);

        var gzipped = Path.Combine(Path.GetTempPath(), $"jt-events-{Guid.NewGuid():N}.ndjson.gz");
        try
        {
            await using (var file = File.Create(gzipped))
            await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
                await gzip.WriteAsync(sample);
            var compressed = await Simulate("--events", gzipped, "--config", Config);
            Assert.Equal((0, ""), (compressed.Exit, compressed.Stderr));
            Assert.Equal(expected, compressed.Stdout);
        }
        finally
        {
            File.Delete(gzipped);
        }
    }

    [Fact]
    public async Task Standard_input_in_UTF_16_is_refused_with_what_to_give_instead()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(await File.ReadAllTextAsync(Events))).ToArray();

        var (exit, stdout, stderr) = await SimulateWithInput(utf16, "--events", "-", "--config", Config);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("--events: -: it starts with a UTF-16 or UTF-32 byte order mark, which only a plain file can be read in; give UTF-8, or the file itself.",
            stderr.Trim());
    }

    [Fact]
    public async Task A_file_that_starts_like_gzip_but_is_not_says_so()
    {
        var damaged = Path.Combine(Path.GetTempPath(), $"jt-events-{Guid.NewGuid():N}.gz");
        // A gzip header, then a deflate block of the reserved type 3.
        await File.WriteAllBytesAsync(damaged, [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0x07, 0x00]);
        try
        {
            var (exit, _, stderr) = await Simulate("--events", damaged, "--config", Config);

            Assert.Equal(2, exit);
            Assert.StartsWith($"--events: {damaged}: starts like gzip but is not readable as gzip (", stderr.Trim());
        }
        finally
        {
            File.Delete(damaged);
        }
    }

    [Fact]
    public async Task Every_run_gives_the_same_bytes()
    {
        var first = await Simulate("--events", Events, "--config", Config);
        var second = await Simulate("--events", Events, "--config", Config);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task Until_stops_the_clock_inclusively()
    {
        var (exit, stdout, _) = await Simulate("--events", Events, "--config", Config, "--until", "2026-11-25T03:05:00Z");
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("{\"at\":\"2026-11-25T03:05:00Z\"", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains("2026-11-26", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_is_ordered_by_at()
    {
        var (_, stdout, _) = await Simulate("--events", Events, "--config", Config);
        var ats = stdout.TrimEnd('\n').Split('\n').Select(l => l[7..27]).ToList();
        Assert.Equal(ats.Order(StringComparer.Ordinal), ats);
    }

    [Fact]
    public async Task An_invalid_configuration_exits_2_with_every_reason_on_stderr()
    {
        var config = Path.GetTempFileName();
        await File.WriteAllTextAsync(config, """
            { "defaults": { "quietHours": { "start": "21:00", "end": "21:00" } },
              "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned",
                              "steps": [ { "after": "1 hour", "channels": ["email"], "template": "cart-reminder-1" } ] } ] }
            """);
        var (exit, stdout, stderr) = await Simulate("--events", Events, "--config", config);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("triggers[0].steps[0].after: \"1 hour\" is not an ISO 8601 duration", stderr);
        Assert.Contains("defaults.quietHours", stderr);
    }

    [Theory]
    [InlineData(new[] { "--events", "x.ndjson" }, "--config: missing")]
    [InlineData(new[] { "--config", "c.json" }, "--events: missing")]
    [InlineData(new[] { "--events", "x", "--config", "c", "--until", "tomorrow" }, "--until: \"tomorrow\" is not an ISO 8601 instant")]
    [InlineData(new[] { "--events", "x", "--config", "c", "--verbose" }, "--verbose: unknown option")]
    [InlineData(new[] { "--events" }, "--events: needs a value")]
    public async Task Bad_arguments_exit_2_and_say_what_is_wrong(string[] args, string expected)
    {
        var (exit, _, stderr) = await Simulate(args);
        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var (exit, _, stderr) = await Simulate("--events", "/nonexistent/events.ndjson", "--config", Config);
        Assert.Equal(2, exit);
        Assert.Contains("--events: /nonexistent/events.ndjson: no such file (give - to read standard input)", stderr);
    }

    [Fact]
    public async Task Bad_lines_are_rejected_with_their_line_number_and_the_rest_goes_on()
    {
        var events = Path.GetTempFileName();
        await File.WriteAllLinesAsync(events, [
            "{ not json",
            """{"id":"e1","type":"cart.item_added","customerId":"c-1","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"A","price":10}}""",
            "[1,2]",
            """{"id":"e2","type":"cart.item_added","customerId":"c-1","timestamp":"2026-11-22T10:01:00Z"}""",
        ]);
        var (exit, stdout, _) = await Simulate("--events", events, "--config", Config);
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("{\"at\":\"2026-11-22T10:00:00Z\",\"type\":\"event.rejected\",\"reason\":\"line 1: invalid JSON", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"type\":\"journey.entered\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("line 3: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"eventId\":\"e2\"", StringComparison.Ordinal) && l.Contains("line 4: properties.sku: missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_release_build_runs_simulate_as_a_process()
    {
        var dll = typeof(SimulateCommand).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "simulate", "--events", Events, "--config", Config])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples/expected-effects.ndjson")), stdout);
    }
}
