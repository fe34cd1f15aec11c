using static JourneyTriggers.Functions.Tests.EndToEnd.DeliveryCrashTests;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 4: "graceful shutdown that finishes in-flight work", against the real process stopped the way a
/// service manager stops it (SIGTERM). SMTP cannot deduplicate, so a send abandoned halfway could only end
/// <c>message.unknown</c> and never be sent: the send in hand must be finished and recorded before the exit.
/// </summary>
public sealed class GracefulShutdownTests
{
    static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_send_in_progress_when_the_service_is_told_to_stop_is_finished_recorded_and_never_repeated()
    {
        await using var smtp = HeldSmtpServer.Start();
        await using var service = await ServiceProcess.StartAsync(E2EConfig.FastCart(),
            ["--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtp.Port}", "--Smtp:Tls=None", "--Smtp:FromAddress=shop@shop.example", E2EConfig.PublicAddress]);
        const string customer = "c-e2e-sigterm";
        var now = DateTimeOffset.UtcNow;
        await service.PostEventsRetryingAsync(Events.ConsentingCart("term", customer, "term@example.com", now), TimeSpan.FromSeconds(30));

        // Step 1 falls due after 2 s; the server holds its answer to the message's data.
        await smtp.DataReceived.WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = service.TerminateAsync(StopLimit);
        await Until(() => Task.FromResult(service.RecentOutput().Contains("outbox dispatcher is stopping", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the dispatcher saw the stop", service);
        smtp.Release();
        Assert.Equal(0, await stopped);

        // Started again on the same folder: step 1 is delivered (not unknown), and went out once.
        await service.RestartAsync();
        var step1 = Assert.Single(await service.OutboxAsync(customer), m => m.Step == 1);
        Assert.Equal("delivered", step1.Status);
        await Until(async () => (await TimelineAsync(service, customer)).Contains("message.delivered"), TimeSpan.FromSeconds(20),
            "step 1's delivery on the timeline", service);
        Assert.DoesNotContain("message.unknown", await TimelineAsync(service, customer));
        // Step 2 falls due 4 s after step 1 and may have gone out meanwhile, under its own id: step 1's went out once.
        Assert.Single(smtp.Accepted, id => id == step1.MessageId + "@shop.example");
    }

    [Fact]
    public async Task An_idle_service_stops_promptly_when_told_to_with_exit_code_0()
    {
        await using var service = await ServiceProcess.StartAsync(E2EConfig.FastCart());
        var started = DateTime.UtcNow;
        Assert.Equal(0, await service.TerminateAsync(StopLimit));
        // Well under the 30 s shutdown timeout: every pump's sleep is cut short instead of waited out.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"took {DateTime.UtcNow - started}\n{service.RecentOutput()}");
    }
}
