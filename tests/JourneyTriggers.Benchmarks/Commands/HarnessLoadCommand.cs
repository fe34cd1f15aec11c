using System.Diagnostics;
using System.Globalization;
using System.Text;
using JourneyTriggers.Functions.Tests.HostHarness;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>harness-load [--customers M --events N --seed S]</c>: the published package under the host harness, against
/// Azurite and cosmosdb-server (tests/servers), fed N cart and browse events of M customers through Event Hubs batches
/// of host.json's maxEventBatchSize. Counts what the issue's targets are about: Cosmos operations per event and per
/// customer per batch (through the harness's counting proxy), document sizes, and timer-queue messages per armed step.
/// Runs the package in JT_PUBLISHED, or publishes it first. Prints a Markdown table.
/// </summary>
internal static class HarnessLoadCommand
{
    public static int Run(Options options)
    {
        var customers = options.Int("customers", 10_000);
        var events = options.Int("events", 100_000);
        var random = new Random(options.Int("seed", 42));
        return RunAsync(customers, events, random).GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync(int customerCount, int eventCount, Random random)
    {
        var servers = new HarnessServers();
        await servers.InitializeAsync();
        try
        {
            // The package's own trigger configuration (steps of an hour and more): nothing fires during the run,
            // so the queue holds exactly the wake-ups the events armed.
            using var app = await TestApp.CreateAsync(servers, File.ReadAllText(Path.Combine(servers.PublishedFolder, "Defaults", "triggers.json")));
            var hub = new HubPartition("0");
            var ids = Enumerable.Range(0, customerCount).Select(i => $"c-load-{i:D6}").ToArray();
            var start = DateTimeOffset.UtcNow.AddMinutes(-5);
            var keys = new string[eventCount];
            for (var i = 0; i < eventCount; i++)
            {
                var customer = ids[random.Next(customerCount)];
                var at = start.AddMilliseconds(i);
                var sku = $"SKU-{random.Next(200):D3}";
                keys[i] = customer;
                hub.Append(random.Next(3) == 0 ? Touchpoint.CartAdded($"e-{i}", customer, at, sku, 100 + random.Next(5000)) : Touchpoint.Viewed($"e-{i}", customer, at, sku), customer);
            }
            await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, hub);
            servers.Cosmos.Operations.Clear();

            var stopwatch = Stopwatch.StartNew();
            await host.Touchpoints.DeliverAsync();
            stopwatch.Stop();

            var batches = host.Touchpoints.Invocations.ToList();
            var failed = batches.Count(b => !b.Outcome.Succeeded);
            var customerBatches = batches.Where(b => b.Outcome.Succeeded)
                .Sum(b => keys.Skip((int)b.FirstSequenceNumber).Take(b.Size).Distinct(StringComparer.Ordinal).Count());
            var operations = servers.Cosmos.Operations.ToList();
            var byKind = operations.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.ToList());
            int Count(string kind) => byKind.TryGetValue(kind, out var list) ? list.Count : 0;
            double Average(string kind, Func<CosmosOperation, int> bytes) => byKind.TryGetValue(kind, out var list) && list.Count > 0 ? list.Average(bytes) : 0;
            var reads = Count("read");
            var writes = Count("replace") + Count("create") + Count("upsert");
            var wakeUps = (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var carts = keys.Distinct(StringComparer.Ordinal).Count();
            var readBytes = Average("read", o => o.ResponseBytes);
            var writeBytes = (Average("replace", o => o.RequestBytes) * Count("replace") + Average("create", o => o.RequestBytes) * Count("create")) / Math.Max(1, Count("replace") + Count("create"));
            var charges = operations.Where(o => o.RequestCharge is not null).ToList();

            var text = new StringBuilder();
            string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture, $"| measured ({customerCount:N0} customers, {eventCount:N0} events, {batches.Count:N0} invocations, {failed} failed, {stopwatch.Elapsed.TotalSeconds:0} s) | value |");
            text.AppendLine("|---|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| Event Hubs batches (maxEventBatchSize from host.json) | {batches.Count(b => b.Attempt == 0):N0} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| customer-batches (distinct customers summed over batches) | {customerBatches:N0} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| Cosmos point reads / writes (replace+create) / queries / other | {reads:N0} / {writes:N0} / {Count("query"):N0} / {operations.Count - reads - writes - Count("query"):N0} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| reads per event / per customer per batch | {F((double)reads / eventCount)} / {F((double)reads / customerBatches)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| writes per event / per customer per batch | {F((double)writes / eventCount)} / {F((double)writes / customerBatches)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| conflicts (412) and throttles (429) | {operations.Count(o => o.Status == 412):N0} / {operations.Count(o => o.Status == 429):N0} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| mean document size read / written (bytes) | {F(readBytes)} / {F(writeBytes)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| request charge reported by the server | {(charges.Count == 0 ? "none (cosmosdb-server sends no x-ms-request-charge)" : F(charges.Average(c => c.RequestCharge!.Value)))} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| timer-queue messages after the run / customers with events | {wakeUps:N0} / {carts:N0} |");
            Console.Out.Write(text.ToString());
            return failed == 0 ? 0 : 1;
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }
}
