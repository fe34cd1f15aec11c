using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.Cli;

/// <summary>
/// Without <c>--until</c>, <c>simulate</c> runs to 30 days after the latest event timestamp, inclusive
/// (DESIGN 4.3.1, 4.4): reminders due by then are in the output, later ones are not. The latest
/// timestamp is neither the first nor the last line's, so the horizon must come from the latest.
/// </summary>
public sealed class SimulateDefaultUntilTests
{
    // One cart add at 2026-11-01T10:00Z arms a step in each trigger; the latest event is 2026-11-06T10:00Z,
    // so each trigger's delay is the latest timestamp plus 29, 30 and 31 days.
    const string Config = """
        { "defaults": { "emailConsent": "implicit" },
          "triggers": [
            { "name": "latest-plus-29d", "kind": "cart_abandoned", "steps": [ { "after": "P34D", "channels": ["email"], "template": "cart-reminder-1" } ] },
            { "name": "latest-plus-30d", "kind": "cart_abandoned", "steps": [ { "after": "P35D", "channels": ["email"], "template": "cart-reminder-1" } ] },
            { "name": "latest-plus-31d", "kind": "cart_abandoned", "steps": [ { "after": "P36D", "channels": ["email"], "template": "cart-reminder-1" } ] } ] }
        """;

    static readonly string[] Events =
    [
        """{"id":"e1","type":"customer.identified","customerId":"c-1","timestamp":"2026-11-01T09:00:00Z","properties":{"email":"c1@example.com"}}""",
        """{"id":"e2","type":"cart.item_added","customerId":"c-1","timestamp":"2026-11-01T10:00:00Z","properties":{"sku":"LAP-14","price":32900,"currency":"THB"}}""",
        """{"id":"e3","type":"session.started","customerId":"c-2","timestamp":"2026-11-06T10:00:00Z"}""",
        """{"id":"e4","type":"app.opened","customerId":"c-3","timestamp":"2026-11-02T10:00:00Z"}""",
    ];

    static async Task<List<(string At, string Trigger)>> SentAsync(params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("jt-simulate-");
        try
        {
            var events = Path.Combine(folder.FullName, "events.ndjson");
            var config = Path.Combine(folder.FullName, "config.json");
            await File.WriteAllLinesAsync(events, Events);
            await File.WriteAllTextAsync(config, Config);
            var (exit, stdout, stderr) = await SimulateCommandTests.Simulate(["--events", events, "--config", config, .. extraArgs]);
            Assert.True(exit == 0, stderr);
            return stdout.TrimEnd('\n').Split('\n')
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(e => e.GetProperty("type").GetString() == "message.sent")
                .Select(e => (e.GetProperty("at").GetString()!, e.GetProperty("trigger").GetString()!))
                .ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Without_until_a_reminder_due_29_or_30_days_after_the_latest_event_goes_out_and_one_due_31_days_after_does_not()
    {
        Assert.Equal(
            [("2026-12-05T10:00:00Z", "latest-plus-29d"), ("2026-12-06T10:00:00Z", "latest-plus-30d")],
            await SentAsync());
    }

    [Fact]
    public async Task An_until_beyond_the_default_lets_the_31_day_reminder_go_out_too()
    {
        Assert.Contains(("2026-12-07T10:00:00Z", "latest-plus-31d"), await SentAsync("--until", "2026-12-31T00:00:00Z"));
    }
}
