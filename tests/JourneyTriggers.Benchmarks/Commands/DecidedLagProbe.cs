using System.Diagnostics;
using System.Net.Http.Headers;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// The pump's lag, measured from outside: once a second an admin read (<c>GET /api/customers/{id}</c>) is sent, and
/// the standalone service holds every read until the touchpoints acknowledged before it are decided. Its latency is
/// how far deciding runs behind acknowledging at that moment, which the acknowledgement percentiles cannot show: a
/// service whose pump falls behind still answers 202 promptly until its backlog limit is reached. After the load
/// stops, one more read measures how long the backlog left behind takes to drain.
/// </summary>
internal sealed class DecidedLagProbe(Uri service, string adminKey, long started)
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    readonly List<(double Second, double Milliseconds)> readings = [];

    /// <summary>Reads once a second until <paramref name="load"/> is over, then once more.</summary>
    public async Task RunAsync(Task load)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var next = started;
        while (!load.IsCompleted)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.WhenAny(Task.Delay(wait), load);
            if (load.IsCompleted) break;
            readings.Add(await ReadAsync(client));
            next = Math.Max(next + (long)(Interval.TotalSeconds * Stopwatch.Frequency), Stopwatch.GetTimestamp());
        }
        Drain = (await ReadAsync(client)).Milliseconds;
    }

    /// <summary>How long the read sent as the load stopped waited: the backlog's drain time.</summary>
    public double Drain { get; private set; }

    async Task<(double Second, double Milliseconds)> ReadAsync(HttpClient client)
    {
        var sent = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(service, "/api/customers/decided-lag-probe"));
        if ((int)response.StatusCode is not (200 or 404))
            throw new InvalidOperationException($"The lag probe's read answered HTTP {(int)response.StatusCode}; is --admin-key the service's admin key?");
        return ((double)(sent - started) / Stopwatch.Frequency, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
    }

    public void Report(TextWriter output, double fromSecond)
    {
        var counted = readings.Where(r => r.Second >= fromSecond).Select(r => r.Milliseconds).Order().ToList();
        if (counted.Count == 0) return;
        output.WriteLine($"decided lag ms (a read held until the inbox is decided, {counted.Count} reads after warm-up): " +
                         $"p50 {Percentiles.Of(counted, 0.50):F0}  p90 {Percentiles.Of(counted, 0.90):F0}  max {counted[^1]:F0}; drain after the load {Drain:F0}");
        output.WriteLine("decided lag ms, worst by 5 s window: " + string.Join(" ", readings
            .GroupBy(r => (int)(r.Second / 5)).OrderBy(g => g.Key).Select(g => g.Max(r => r.Milliseconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
