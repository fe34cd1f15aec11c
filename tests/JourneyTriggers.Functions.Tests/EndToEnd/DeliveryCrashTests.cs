using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// DESIGN 4.6 against the real process and a real SMTP server (maildev, the provider here): the process
/// kills itself (SIGKILL) at a named point of a send, through the test-only hook
/// <c>JOURNEYTRIGGERS_TEST_ONLY_KILL_AT</c>, and is restarted on the same data folder. SMTP cannot
/// deduplicate, so the interrupted reminder ends <c>message.unknown</c> and the server never gets it twice.
/// </summary>
public sealed class DeliveryCrashTests
{
    [Theory]
    [InlineData("after-sending-recorded", 0)]
    [InlineData("after-provider-call", 1)]
    public async Task A_send_cut_short_by_a_kill_is_never_repeated_and_ends_unknown(string killAt, int copiesOfStep1)
    {
        await using var mail = await MailDev.StartAsync();
        await using var service = await ServiceProcess.StartAsync(E2EConfig.FastCart(),
            ["--Smtp:Host=127.0.0.1", $"--Smtp:Port={mail.SmtpPort}", "--Smtp:Tls=None", "--Smtp:FromAddress=shop@shop.example", E2EConfig.PublicAddress],
            new Dictionary<string, string> { ["JOURNEYTRIGGERS_TEST_ONLY_KILL_AT"] = killAt });
        const string customer = "c-e2e-crash";
        var now = DateTimeOffset.UtcNow;
        await service.PostEventsRetryingAsync(Events.ConsentingCart("crash", customer, "crash@example.com", now), TimeSpan.FromSeconds(30));

        // Step 1 comes due after 2 s; sending it kills the process.
        await Until(() => Task.FromResult(!service.IsRunning), TimeSpan.FromSeconds(30), "the process killed itself at " + killAt, service);
        service.Environment.Remove("JOURNEYTRIGGERS_TEST_ONLY_KILL_AT");
        await service.RestartAsync();

        // After the restart: step 1 is settled as unknown, and step 2 (4 s later) goes out normally.
        await Until(async () => (await service.OutboxAsync(customer)) is { Count: 2 } items && items.All(i => i.Status is "unknown" or "delivered")
                                && await TimelineAsync(service, customer) is var types && types.Contains("message.unknown") && types.Contains("message.delivered"),
            TimeSpan.FromSeconds(40), "step 1 unknown and step 2 delivered", service);
        var outbox = await service.OutboxAsync(customer);
        var step1 = outbox.Single(i => i.Step == 1);
        var step2 = outbox.Single(i => i.Step == 2);
        Assert.Equal(("unknown", "delivered"), (step1.Status, step2.Status));

        // Nothing more arrives, however long we look.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = (await mail.EmailsAsync()).Select(e => e.GetProperty("messageId").GetString()).ToList();
        Assert.Equal(copiesOfStep1, received.Count(id => id == step1.MessageId + "@shop.example"));
        Assert.Equal(1, received.Count(id => id == step2.MessageId + "@shop.example"));
        var timeline = await TimelineAsync(service, customer);
        Assert.Equal(1, timeline.Count(t => t == "message.unknown"));
        Assert.Equal(1, timeline.Count(t => t == "message.delivered"));
    }

    internal static async Task<IReadOnlyList<string?>> TimelineAsync(ServiceProcess service, string customer) =>
        (await service.CustomerAsync(customer)) is { } state
            ? state.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList()
            : [];

    internal static async Task Until(Func<Task<bool>> condition, TimeSpan limit, string what, ServiceProcess service)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within {limit.TotalSeconds} s: {what}\n{service.RecentOutput()}");
            await Task.Delay(100);
        }
    }
}
