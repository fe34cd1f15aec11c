using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// DESIGN 4.5/4.6 against the real process: SIGKILL at random moments while events arrive and timers
/// fire, restart on the same data folder, and count. Every accepted event is applied exactly once,
/// every reminder goes out exactly once — never lost, never doubled — and the touchpoint archive holds every accepted
/// event exactly once.
/// </summary>
public sealed class CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    const int Customers = 30;
    const int CustomersPerGroup = 5;
    const int MinKills = 6;

    /// <summary>
    /// Only a hang: each kill costs a cold restart, seconds on a loaded machine, so the kill phase is driven by
    /// count, and the phases after it have deadlines of their own.
    /// </summary>
    static readonly TimeSpan KillPhaseHangGuard = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Killing_the_process_at_random_moments_loses_no_event_and_sends_every_reminder_exactly_once()
    {
        var seed = Environment.GetEnvironmentVariable("JT_E2E_SEED") is { } fixedSeed ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        // One generator per task (Random is not thread-safe), both from the logged seed.
        var killRandom = new Random(seed);
        var loadRandom = new Random(unchecked(seed + 1));
        var log = new ConcurrentQueue<string>();
        void Note(string line) => log.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");

        // A cooldown longer than the test: a cart event arriving after a journey completed must not start a second one.
        await using var service = await ServiceProcess.StartAsync(E2EConfig.FastCart(reentryCooldown: "PT1H"), ["--Standalone:ArchiveTouchpoints=true"]);
        string Context() => $"seed {seed} (rerun with JT_E2E_SEED={seed}); starts {service.Starts}, kills {service.Kills}\n" +
                            string.Join('\n', log.TakeLast(60)) + "\n--- service output ---\n" + service.RecentOutput(60);

        var statuses = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        var retries = 0;
        var loadDone = false;
        var clock = Stopwatch.StartNew();

        // The killer: after the service is up, waits 100–1500 ms, SIGKILLs it, and starts it again on the same folder;
        // for as long as the load goes on, and at least MinKills times.
        var killer = Task.Run(async () =>
        {
            while (!Volatile.Read(ref loadDone) || service.Kills < MinKills)
            {
                if (clock.Elapsed > KillPhaseHangGuard)
                    Assert.Fail($"the kill phase still ran after {KillPhaseHangGuard.TotalSeconds} s\n{Context()}");
                await Task.Delay(killRandom.Next(100, 1501));
                Note($"kill #{service.Kills + 1}");
                service.Kill();
                await service.RestartAsync();
                Note($"restarted (start #{service.Starts})");
            }
        });

        // The load: customers in groups, each group's events in three batches, so earlier groups' timers
        // come due and fire while later groups are still arriving — and while the killer is at work.
        var sent = new List<(string Customer, string Body)>();
        try
        {
            for (var group = 0; group < Customers / CustomersPerGroup; group++)
            {
                var members = Enumerable.Range(group * CustomersPerGroup, CustomersPerGroup).Select(CustomerId).ToList();
                var batches = new[]
                {
                    (string[])["identify", "consent", "add-a1"],
                    ["add-b", "add-a2"],
                    ["add-a3"],
                };
                foreach (var kinds in batches)
                {
                    var at = DateTimeOffset.UtcNow;
                    var body = Events.Array(members.SelectMany(c => kinds.Select(kind => Event(c, kind, at))));
                    sent.Add((members[0], body));
                    var answer = await service.PostEventsRetryingAsync(body, TimeSpan.FromSeconds(60), e =>
                    {
                        Interlocked.Increment(ref retries);
                        Note($"retry after {e.GetType().Name}");
                    });
                    foreach (var result in answer.Results)
                    {
                        Assert.True(result.Status is "accepted" or "duplicate", $"event {result.Id}: {result.Status} {result.Reason}\n{Context()}");
                        statuses.GetOrAdd(result.Id!, _ => new()).Enqueue(result.Status);
                    }
                    Note($"batch g{group} [{string.Join(',', kinds)}]: {answer.Accepted} accepted, {answer.Duplicates} duplicates");
                    await Task.Delay(loadRandom.Next(200, 700));
                }
            }
        }
        finally
        {
            Volatile.Write(ref loadDone, true);
        }
        await killer;
        Note("kill phase over");
        Assert.True(service.IsRunning, Context());
        Assert.True(service.Kills >= MinKills, $"only {service.Kills} kills happened\n{Context()}");

        // Each answered event id was accepted at most once: a retry of a committed batch says duplicate.
        foreach (var (id, seen) in statuses)
            Assert.True(seen.Count(s => s == "accepted") <= 1, $"event {id} was accepted {seen.Count(s => s == "accepted")} times: {string.Join(',', seen)}\n{Context()}");
        Assert.Equal(Customers * 6, statuses.Count);

        // A client that never heard back sends its batch again, after any number of restarts: every event
        // of every batch is known by its id and answered duplicate — nothing is applied twice.
        foreach (var (_, body) in sent)
        {
            var again = await service.PostEventsRetryingAsync(body, TimeSpan.FromSeconds(30));
            Assert.True(again.Accepted == 0 && again.Rejected == 0 && again.Duplicates == again.Results.Count, $"re-sent batch answered {again.Raw}\n{Context()}");
        }

        // No more kills: wait until every journey has run its course (both steps), with a generous deadline.
        var ids = Enumerable.Range(0, Customers).Select(CustomerId).ToList();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(45);
        IReadOnlyList<OutboxItem> outbox;
        while (true)
        {
            outbox = await service.OutboxAsync();
            var finished = outbox.Count(m => m.Step == 2) >= Customers;
            if (finished || DateTimeOffset.UtcNow > deadline) break;
            await Task.Delay(250);
        }
        // A moment more, so a doubled send would have time to show.
        await Task.Delay(1000);
        outbox = await service.OutboxAsync();

        var problems = new StringBuilder();
        foreach (var id in ids)
        {
            var mine = outbox.Where(m => m.CustomerId == id).ToList();
            foreach (var step in (int[])[1, 2])
                if (mine.Count(m => m.Step == step) != 1)
                    problems.AppendLine($"{id}: {mine.Count(m => m.Step == step)} step-{step} reminders {ReminderTimingTests.Show(mine)}");
            if (mine.Count != 2) problems.AppendLine($"{id}: {mine.Count} reminders in all");
            if (mine.Any(m => m.Subject != "คุณSomchai ลืมของไว้ในตะกร้าหรือเปล่าคะ" && m.Step == 1)) problems.AppendLine($"{id}: step 1 subject {mine.First(m => m.Step == 1).Subject}");

            var state = await service.CustomerAsync(id);
            if (state is not { } customer)
            {
                problems.AppendLine($"{id}: no customer document");
                continue;
            }
            // Every accepted event's effect is there, once: identify, consent, and a cart of a×3 + b×2.
            var profile = customer.GetProperty("profile");
            if (profile.GetProperty("email").GetString() != $"{id}@example.com" || profile.GetProperty("locale").GetString() != "th-TH")
                problems.AppendLine($"{id}: profile {profile}");
            if (customer.GetProperty("consent").GetProperty("email").ValueKind != System.Text.Json.JsonValueKind.True)
                problems.AppendLine($"{id}: consent {customer.GetProperty("consent")}");
            var lines = customer.GetProperty("cart").GetProperty("lines").EnumerateArray()
                .ToDictionary(l => l.GetProperty("sku").GetString()!, l => l.GetProperty("quantity").GetInt32());
            if (lines.Count != 2 || lines.GetValueOrDefault("SKU-A") != 3 || lines.GetValueOrDefault("SKU-B") != 2)
                problems.AppendLine($"{id}: cart {string.Join(", ", lines.Select(l => $"{l.Key}×{l.Value}"))}, expected SKU-A×3, SKU-B×2");
            var timeline = customer.GetProperty("timeline").EnumerateArray().ToList();
            var entered = timeline.Count(e => e.GetProperty("type").GetString() == "journey.entered");
            var sentSteps = timeline.Where(e => e.GetProperty("type").GetString() == "message.sent").Select(e => e.GetProperty("step").GetInt32()).ToList();
            var completed = timeline.Count(e => e.GetProperty("type").GetString() == "journey.exited" && e.GetProperty("reason").GetString() == "completed");
            if (entered != 1 || !sentSteps.SequenceEqual([1, 2]) || completed != 1)
                problems.AppendLine($"{id}: timeline entered {entered}, sent steps [{string.Join(',', sentSteps)}], completed {completed}");
        }
        Assert.True(outbox.Count == Customers * 2, $"outbox holds {outbox.Count} messages, expected {Customers * 2}\n{problems}\n{Context()}");
        Assert.True(problems.Length == 0, $"{problems}\n{Context()}");

        // The archive: every accepted event once, whichever batch, decision or removal the kills interrupted.
        var archived = (await service.TouchpointsAsync())
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!).ToList();
        Assert.True(archived.Order(StringComparer.Ordinal).SequenceEqual(statuses.Keys.Order(StringComparer.Ordinal)),
            $"archived {archived.Count} touchpoints ({archived.Count - archived.Distinct().Count()} doubled), expected the {statuses.Count} accepted\n{Context()}");
        var duplicates = statuses.Values.Sum(q => q.Count(s => s == "duplicate"));
        output.WriteLine($"seed {seed}: {service.Kills} kills, {service.Starts} starts, {retries} retried requests, " +
                         $"{duplicates} events answered duplicate on a retry, {outbox.Count} reminders, {clock.Elapsed.TotalSeconds:F1} s");
    }

    static string CustomerId(int index) => $"c-crash-{index:00}";

    static string Event(string customer, string kind, DateTimeOffset at) => kind switch
    {
        "identify" => Events.Identify($"{customer}-identify", customer, $"{customer}@example.com", at),
        "consent" => Events.EmailConsent($"{customer}-consent", customer, at),
        "add-a1" or "add-a2" or "add-a3" => Events.CartAdd($"{customer}-{kind}", customer, at, sku: "SKU-A", quantity: 1, price: 990),
        "add-b" => Events.CartAdd($"{customer}-{kind}", customer, at, sku: "SKU-B", quantity: 2, price: 450),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
