using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using JourneyTriggers.Benchmarks.Generation;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>load --url URL --key KEY [--connections K --batch B --duration S --warmup W --events N --customers M --seed S --rate R --admin-key A]</c>:
/// a load generator for a running service, closed-loop by default; with <c>--rate R</c> (events/s) open-loop: batch i is
/// due at i × B / R seconds, and its latency counts from that instant, so a service that falls behind shows it in the
/// percentiles instead of slowing the load down (no coordinated omission). It starts nothing itself. It builds N synthetic
/// events (customer ids from a population of M) up front, as JSON arrays of B events, then K workers, each
/// with its own connection, post them to <c>URL/api/events</c> one after the other until S seconds have
/// passed or every batch was sent (both bounded). The first W seconds warm up and are not counted. It
/// reports sustained events/s and the acknowledgement latency (request sent → 202 read) percentiles.
/// With <c>--admin-key</c> it also measures how far deciding runs behind acknowledging (<see cref="DecidedLagProbe"/>).
/// Timestamps are moved onto the run's own wall-clock window (the stream's week squeezed into the run,
/// order kept), so the service sees live events and arms timers in the future, not in the past.
/// </summary>
internal static class LoadCommand
{
    const int MaxDurationSeconds = 600;

    public static int Run(Options options)
    {
        var url = new Uri(new Uri(options.Required("url")), "/api/events");
        var key = options.Required("key");
        var connections = options.Int("connections", 8);
        var batch = options.Int("batch", 100);
        var duration = options.Int("duration", 60);
        var warmup = options.Int("warmup", 5, min: 0);
        var events = options.Int("events", 1_000_000);
        var customers = options.Int("customers", 10_000);
        var seed = options.Int("seed", 42);
        var rate = options.Int("rate", 0, min: 0);
        var adminKey = options.String("admin-key");
        if (duration > MaxDurationSeconds) throw new UsageException($"--duration is at most {MaxDurationSeconds} s.");
        if (warmup >= duration) throw new UsageException("--warmup must be shorter than --duration.");

        var build = Stopwatch.StartNew();
        var bodies = Bodies(StreamShape.Week(events, customers, 7, seed), batch, TimeSpan.FromSeconds(duration));
        Console.Error.WriteLine($"load: {bodies.Count:N0} bodies of {batch} events ({bodies.Sum(b => (long)b.Length) / 1e6:F0} MB), " +
                                $"{customers:N0} customers, built in {build.Elapsed.TotalSeconds:F1} s; {connections} connections -> {url}, " +
                                $"{duration} s ({warmup} s warm-up)");

        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        }) { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var started = Stopwatch.GetTimestamp();
        var run = new LoadRun(url, bodies, batch, started, warmup, duration, rate);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => run.WorkAsync(client))).ToArray();
        var lag = adminKey is null ? null : new DecidedLagProbe(url, adminKey, started);
        var probing = lag?.RunAsync(Task.WhenAll(workers)) ?? Task.CompletedTask;
        Task.WaitAll(workers);
        probing.GetAwaiter().GetResult();
        run.Report(Console.Out, connections);
        lag?.Report(Console.Out, fromSecond: warmup);
        return run.Failures > 0 ? 1 : 0;
    }

    /// <summary>The stream as request bodies, timestamps squeezed onto [now, now + window], whole seconds.</summary>
    internal static List<byte[]> Bodies(StreamShape shape, int batch, TimeSpan window)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var span = Duration.FromDays(shape.Days).TotalTicks;
        var scale = window.Ticks / span;
        var bodies = new List<byte[]>();
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var json = new Utf8JsonWriter(buffer);
        var inBatch = 0;
        foreach (var touchpoint in SyntheticStream.Generate(shape))
        {
            if (inBatch == 0) json.WriteStartArray();
            var offset = Duration.FromTicks((long)((touchpoint.Timestamp - shape.Start).TotalTicks * scale));
            var at = Instant.FromUnixTimeSeconds((now + offset).ToUnixTimeSeconds());
            NativeJsonWriter.WriteObject(json, touchpoint with { Timestamp = at });
            if (++inBatch == batch) Flush();
        }
        if (inBatch > 0) Flush();
        return bodies;

        void Flush()
        {
            json.WriteEndArray();
            json.Flush();
            bodies.Add(buffer.WrittenSpan.ToArray());
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            inBatch = 0;
        }
    }

    sealed class LoadRun(Uri target, List<byte[]> bodies, int batch, long started, int warmupSeconds, int durationSeconds, int rate)
    {
        readonly long warmupEnds = started + warmupSeconds * Stopwatch.Frequency;
        readonly long ends = started + durationSeconds * Stopwatch.Frequency;
        readonly List<double> latencies = [];
        readonly long[] perSecond = new long[durationSeconds + 1];
        int next = -1;
        long counted, accepted, duplicates, rejected, failures, refusals;
        long firstCounted = long.MaxValue, lastCounted;

        public long Failures => Interlocked.Read(ref failures);

        public async Task WorkAsync(HttpClient client)
        {
            var mine = new List<double>();
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= bodies.Count || Stopwatch.GetTimestamp() >= ends) break;
                var sent = Stopwatch.GetTimestamp();
                if (rate > 0)
                {
                    var due = started + (long)((double)index * batch / rate * Stopwatch.Frequency);
                    if (due >= ends) break;
                    if (due > sent) await Task.Delay(Stopwatch.GetElapsedTime(sent, due));
                    sent = due;
                }
                var (response, answer) = await PostAsync(client, bodies[index]);
                // As a well-behaved client does: a 503 names when to come back, and the same events are sent again then.
                // The wait counts in this request's latency.
                while (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } retryAfter
                       && Stopwatch.GetTimestamp() < ends)
                {
                    Interlocked.Increment(ref refusals);
                    response.Dispose();
                    await Task.Delay(retryAfter);
                    (response, answer) = await PostAsync(client, bodies[index]);
                }
                using var _ = response;
                var acknowledged = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    if (Interlocked.Increment(ref failures) <= 5)
                        Console.Error.WriteLine($"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(300, answer.Length)))}");
                    continue;
                }
                var second = (int)((acknowledged - started) / Stopwatch.Frequency);
                if (second < perSecond.Length) Interlocked.Add(ref perSecond[second], batch);
                if (sent < warmupEnds || acknowledged > ends) continue;
                mine.Add(Stopwatch.GetElapsedTime(sent, acknowledged).TotalMilliseconds);
                var (a, d, r) = Counts(answer);
                Interlocked.Add(ref accepted, a);
                Interlocked.Add(ref duplicates, d);
                Interlocked.Add(ref rejected, r);
                Interlocked.Add(ref counted, a + d + r);
                lock (latencies)
                {
                    firstCounted = Math.Min(firstCounted, sent);
                    lastCounted = Math.Max(lastCounted, acknowledged);
                }
            }
            lock (latencies) latencies.AddRange(mine);
        }

        async Task<(HttpResponseMessage Response, byte[] Answer)> PostAsync(HttpClient client, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await client.PostAsync(target, content);
            return (response, await response.Content.ReadAsByteArrayAsync());
        }

        /// <summary>The three counts at the head of the 202 body; the per-event results are not read.</summary>
        static (long Accepted, long Duplicates, long Rejected) Counts(byte[] answer)
        {
            var reader = new Utf8JsonReader(answer);
            long a = 0, d = 0, r = 0;
            var found = 0;
            while (found < 3 && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "accepted": a = reader.GetInt64(); found++; break;
                    case "duplicates": d = reader.GetInt64(); found++; break;
                    case "rejected": r = reader.GetInt64(); found++; break;
                    default: reader.Skip(); break;
                }
            }
            return (a, d, r);
        }

        public void Report(TextWriter output, int connections)
        {
            latencies.Sort();
            var seconds = latencies.Count == 0 ? 0 : Stopwatch.GetElapsedTime(firstCounted, lastCounted).TotalSeconds;
            output.WriteLine($"{(rate > 0 ? $"offered {rate:N0} events/s, " : "closed loop, ")}connections {connections}, batch {batch}, requests counted {latencies.Count:N0} (after warm-up), failures {Failures:N0}, " +
                             $"503 refusals retried after Retry-After {Interlocked.Read(ref refusals):N0}");
            output.WriteLine($"events counted {counted:N0} (accepted {accepted:N0}, duplicates {duplicates:N0}, rejected {rejected:N0}) in {seconds:F1} s");
            output.WriteLine($"sustained {(seconds > 0 ? counted / seconds : 0):N0} events/s, {(seconds > 0 ? latencies.Count / seconds : 0):N1} requests/s");
            output.WriteLine($"ack latency ms per request of {batch}: p50 {Percentile(0.50):F1}  p90 {Percentile(0.90):F1}  p95 {Percentile(0.95):F1}  " +
                             $"p99 {Percentile(0.99):F1}  p99.9 {Percentile(0.999):F1}  max {(latencies.Count > 0 ? latencies[^1] : 0):F1}  mean {(latencies.Count > 0 ? latencies.Average() : 0):F1}");
            var last = Array.FindLastIndex(perSecond, v => v > 0);
            output.WriteLine("events/s by 5 s window: " + string.Join(" ", Enumerable.Range(0, (last + 5) / 5)
                .Select(w => (perSecond.Skip(w * 5).Take(5).Sum() / 5).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))));
        }

        double Percentile(double p) => Percentiles.Of(latencies, p);
    }
}
