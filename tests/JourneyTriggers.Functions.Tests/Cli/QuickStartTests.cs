using System.Text.Json;
using JourneyTriggers.Functions.Standalone;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Tests.Cli;

/// <summary>
/// The README's first reminder: the banner's pasted curl under samples/quick-start.json puts an email in the outbox a
/// minute later. Replayed with <c>simulate</c>, which decides exactly as the service does, so the promise is checked
/// without a test that waits a minute.
/// </summary>
public sealed class QuickStartTests
{
    static readonly Instant Sent = Instant.FromUtc(2026, 11, 23, 15, 0);

    static async Task<List<JsonElement>> EffectsAsync()
    {
        var events = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(events, StartupBanner.SampleEvents(at: InstantPattern.ExtendedIso.Format(Sent), run: "1"));
            var (exit, stdout, stderr) = await SimulateCommandTests.Simulate("--events", events, "--config", RepositoryFiles.PathOf("samples/quick-start.json"),
                "--until", "2026-11-23T16:00:00Z");
            Assert.True(exit == 0, stderr);
            return stdout.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        }
        finally
        {
            File.Delete(events);
        }
    }

    [Fact]
    public async Task The_banner_sample_under_the_quick_start_configuration_sends_an_email_a_minute_later()
    {
        var effects = await EffectsAsync();

        var sent = effects.Where(e => e.GetProperty("type").GetString() == "message.sent").ToList();
        Assert.NotEmpty(sent);
        var first = sent[0];
        Assert.Equal("2026-11-23T15:01:00Z", first.GetProperty("at").GetString());
        Assert.Equal("c-welcome", first.GetProperty("customerId").GetString());
        Assert.Equal("email", first.GetProperty("channel").GetString());
        Assert.Equal("cart-reminder-1", first.GetProperty("template").GetString());
        Assert.DoesNotContain(effects, e => e.GetProperty("type").GetString() is "event.rejected" or "message.suppressed");
    }
}
