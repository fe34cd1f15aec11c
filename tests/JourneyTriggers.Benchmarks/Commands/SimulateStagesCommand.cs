using System.Text.Json;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>simulate-stages --events FILE --config FILE</c>: where the time of <c>simulate</c> goes. The same
/// file is run five times in one process, each pass adding one stage of what simulate does (on one
/// thread: simulate reads ahead on a second one): read lines (UTF-8 bytes); + JsonDocument.Parse; + normalise to touchpoints; + replay through
/// the engine (with Finish); + write the effect lines (simulate's writer, to a null stream). Each pass reports wall and
/// CPU time, bytes allocated and GC counts; the differences between passes are the stages' costs.
/// </summary>
internal static class SimulateStagesCommand
{
    public static int Run(Options options)
    {
        var events = options.Required("events");
        var configuration = ConfigurationLoader.Load(File.ReadAllBytes(options.Required("config"))) is ConfigurationLoadResult.Loaded loaded
            ? loaded.Configuration
            : throw new UsageException("--config: not a valid configuration.");
        string[] names = ["read lines", "+ JsonDocument.Parse", "+ normalise", "+ replay", "+ write effects"];
        for (var stage = 1; stage <= names.Length; stage++)
        {
            var cost = PassCost.Start();
            var count = Pass(events, configuration, stage);
            var (wall, cpu, allocated) = (cost.Wall, cost.Cpu, cost.Allocated);
            Console.Error.WriteLine($"{names[stage - 1],-22} {wall.TotalSeconds,6:F2} s wall {cpu.TotalSeconds,6:F2} s CPU " +
                                    $"{allocated / 1e6,8:F0} MB alloc  {cost.Collections}  ({count:N0})");
        }
        return 0;
    }

    static long Pass(string path, TriggerConfiguration configuration, int stage)
    {
        long count = 0;
        var run = new ReplayRun(new JourneyEngine(configuration));
        using var output = new EffectLinesWriter(Stream.Null);
        using var file = File.OpenRead(path);
        var lines = new Utf8Lines(file);
        if (!lines.TryStart()) throw new UsageException("--events: simulate-stages reads UTF-8 files only.");
        while (lines.TryRead(out var line))
        {
            count++;
            if (stage < 2) continue;
            using var document = JsonDocument.Parse(line);
            if (stage < 3) continue;
            var reading = TouchpointNormaliser.Read(document.RootElement, now: null);
            if (stage < 4) continue;
            var effects = reading is TouchpointReading.Accepted accepted ? run.Accept(accepted.Touchpoint) : [];
            if (stage < 5) continue;
            output.Write(effects);
        }
        if (stage >= 4)
        {
            var last = run.Finish(null);
            if (stage >= 5) output.Write(last);
        }
        return count;
    }
}
