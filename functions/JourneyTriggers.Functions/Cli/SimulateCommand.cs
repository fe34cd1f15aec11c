using System.Runtime;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// <c>simulate</c> (DESIGN 4.4): replays a file of touchpoints in file order through the engine and
/// writes every decision as a JSON line, ordered by <c>at</c>. Same files, same bytes.
/// </summary>
internal static class SimulateCommand
{
    /// <param name="stdin">What <c>--events -</c> reads: the process's standard input unless a test gives another.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Stream stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        var (options, problems) = SimulateOptions.Parse(args);
        if (options is null) return await Fail(stderr, problems);
        if (!File.Exists(options.ConfigPath)) return await Fail(stderr, [$"--config: {options.ConfigPath}: no such file"]);
        if (EventsInput.Problem(options.EventsPath) is { } eventsProblem) return await Fail(stderr, [eventsProblem]);

        switch (ConfigurationLoader.Load(await File.ReadAllBytesAsync(options.ConfigPath)))
        {
            case ConfigurationLoadResult.Invalid invalid:
                return await Fail(stderr, invalid.Errors.Select(e => $"{options.ConfigPath}: {e}").ToList());
            case ConfigurationLoadResult.Loaded loaded:
                // A replay decides, it does not render, so a template no shipped locale has changes nothing here; but serve refuses
                // to start on it unless an overrides folder brings it, and a configuration tried here is usually the one deployed
                // next: said on stderr, the output unchanged. Reading the templates takes a moment the replay need not wait for.
                var unshipped = Task.Run(() => new ReminderTemplates().Missing(TemplateNames.Of(loaded.Configuration)));
                var metrics = options.ReportPath is null ? null : new ReplayMetrics(loaded.Configuration);
                try
                {
                    Replay(loaded.Configuration, options, EventsInput.Open(options.EventsPath, stdin ?? Console.OpenStandardInput), stdout, stderr, metrics);
                }
                catch (UnreadableEventsException e)
                {
                    return await Fail(stderr, [$"--events: {options.EventsPath}: {e.Message}"]);
                }
                catch (InvalidDataException e)
                {
                    // Only decompression throws it: a line that is not JSON is a rejection, not a failure.
                    return await Fail(stderr, [$"--events: {options.EventsPath}: starts like gzip but is not readable as gzip ({e.Message}); the lines before were replayed."]);
                }
                foreach (var template in await unshipped)
                    await stderr.WriteLineAsync($"{options.ConfigPath}: warning: no shipped template is named '{template}'; the service refuses to start " +
                        "with this configuration unless the folder Messages:TemplateOverridesDirectory has it (en-US/" + template + "/…)");
                return metrics is null ? ExitCodes.Ok : await ReplayReport.WriteAsync(metrics, loaded.Configuration, options.ReportPath!, stderr);
            default:
                throw new InvalidOperationException("Unknown configuration load result.");
        }
    }

    static void Replay(Core.Configuration.TriggerConfiguration configuration, SimulateOptions options, Stream events, Stream stdout, TextWriter stderr,
        IReplayObserver? metrics)
    {
        // A replay is a batch job: it wants throughput, not short pauses, and background collections
        // only competed with it for the two cores. Process-wide, so put back for whoever runs next
        // in this process (tests call the command in theirs).
        var latency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            Replay(new ReplayRun(new JourneyEngine(configuration), metrics), options, events, stdout, stderr);
        }
        finally
        {
            GCSettings.LatencyMode = latency;
        }
    }

    static void Replay(ReplayRun run, SimulateOptions options, Stream input, Stream stdout, TextWriter stderr)
    {
        using var output = new EffectLinesWriter(stdout);
        using (var events = input)
        {
            foreach (var (line, reading) in TouchpointLines.Read(events))
            {
                output.Write(reading switch
                {
                    TouchpointReading.Accepted accepted => run.Accept(accepted.Touchpoint),
                    TouchpointReading.Rejected rejected => run.Reject(rejected.EventId, rejected.Customer ?? default, $"line {line}: {rejected.Reason}"),
                    _ => throw new InvalidOperationException("Unknown touchpoint reading."),
                });
            }
        }
        output.Write(run.Finish(options.Until));
        // The file is the input whatever --until says: it only ends the run after the last event (DESIGN 4.4).
        if (options.Until is { } until && run.LatestTimestamp is { } latest && until < latest)
            stderr.WriteLine($"--until: warning: {InstantPattern.ExtendedIso.Format(until)} is before the latest event " +
                $"({InstantPattern.ExtendedIso.Format(latest)}); every event was still replayed, with the reminders they made come due on the way. " +
                "--until only says how long the run goes on after the last event; to replay part of a file, give only those lines.");
    }

    static async Task<int> Fail(TextWriter stderr, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) await stderr.WriteLineAsync(problem);
        return ExitCodes.InvalidInput;
    }
}
