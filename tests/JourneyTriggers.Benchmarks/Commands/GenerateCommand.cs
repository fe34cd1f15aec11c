using System.Diagnostics;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Benchmarks.Workload;
using NodaTime;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>generate --events N --customers M --days D --seed S --out FILE [--config-out FILE]</c>: the
/// synthetic stream as native NDJSON, and optionally the DESIGN 4.3 configuration to simulate it with.
/// A summary of what was written goes to stderr.
/// </summary>
internal static class GenerateCommand
{
    public static int Run(Options options)
    {
        var shape = StreamShape.Week(options.Int("events", 1_000_000), options.Int("customers", 100_000),
            options.Int("days", 7), options.Int("seed", 42));
        var path = options.Required("out");
        var stopwatch = Stopwatch.StartNew();
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0, late = 0;
        Instant? latest = null;

        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new NativeJsonWriter(file))
        {
            foreach (var touchpoint in SyntheticStream.Generate(shape))
            {
                writer.Write(touchpoint);
                byType[touchpoint.TypeName] = byType.GetValueOrDefault(touchpoint.TypeName) + 1;
                if (!ids.Add(touchpoint.Id.Value)) duplicates++;
                else if (touchpoint.Timestamp < latest) late++;
                if (latest is null || touchpoint.Timestamp > latest) latest = touchpoint.Timestamp;
            }
        }
        if (options.String("config-out") is { } configPath) File.WriteAllText(configPath, DesignExample.Json + "\n");

        var total = byType.Values.Sum();
        Console.Error.WriteLine($"{total:N0} events ({duplicates:N0} duplicates, {late:N0} late) over {shape.Customers:N0} customers and " +
                                $"{shape.Days} day(s), seed {shape.Seed} -> {path} in {stopwatch.Elapsed.TotalSeconds:F1} s");
        foreach (var (type, count) in byType)
            Console.Error.WriteLine($"  {type,-20} {count,10:N0}  {100.0 * count / total,5:F1}%");
        return 0;
    }
}
