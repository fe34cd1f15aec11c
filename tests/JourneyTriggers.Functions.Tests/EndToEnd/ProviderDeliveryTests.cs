using System.Text.Json;
using JourneyTriggers.Azure.Email;
using JourneyTriggers.Azure.Tests.Email;
using JourneyTriggers.Azure.Tests.Push;
using static JourneyTriggers.Functions.Tests.EndToEnd.DeliveryCrashTests;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// The standalone service with its providers configured, as an operator would: the real process sends
/// through the in-process Communication Services Email fake (HMAC checked on every request) and the
/// Notification Hubs fake (SAS checked). ACS wins over SMTP, and a crash mid-send never makes two emails:
/// the re-send after the restart falls inside the repeatability window and the fake replays the first answer.
/// </summary>
public sealed class ProviderDeliveryTests
{
    const string Sender = "DoNotReply@shop.example";

    /// <summary>Both channels due 2 s after the cart: an email, then a push.</summary>
    const string EmailThenPush = """
        { "defaults": { "timeZone": "Asia/Bangkok", "locale": "en-US", "quietHours": null, "holdoutPercent": 0, "emailConsent": "explicit" },
          "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned",
            "steps": [ { "after": "PT2S", "channels": ["email"], "template": "cart-reminder-1" },
                       { "after": "PT2S", "channels": ["push"], "template": "cart-reminder-2" } ] } ] }
        """;

    [Fact]
    public async Task A_cart_reminder_goes_out_as_a_Communication_Services_email_and_a_Notification_Hubs_push()
    {
        await using var acs = await AcsEmailFake.StartAsync();
        await using var hub = await FakeNotificationHub.StartAsync(https: false);
        // SMTP is configured too, and pointed nowhere: ACS must win over it.
        await using var service = await ServiceProcess.StartAsync(EmailThenPush, [.. Acs(acs), .. Hub(hub), "--Smtp:Host=127.0.0.1", "--Smtp:Port=9", "--Smtp:FromAddress=shop@shop.example", E2EConfig.PublicAddress]);
        const string customer = "c-e2e-providers";
        var now = DateTimeOffset.UtcNow;
        object Event(string id, string type, object properties) => new { id, type, customerId = customer, timestamp = Events.Stamp(now), source = "web", properties };
        await service.PostEventsRetryingAsync(JsonSerializer.Serialize(new[]
        {
            Event("p-1", "customer.identified", new { email = "somchai@example.com", firstName = "Somchai", locale = "en-US", timeZone = "Asia/Bangkok" }),
            Event("p-2", "consent.updated", new { email = true, push = true }),
            Event("p-3", "push.registered", new { installationId = "inst-e2e", platform = "fcmv1", pushChannel = "fcm-device-token" }),
            Event("p-4", "cart.item_added", new { sku = "LAP-14", name = "Laptop 14", price = 32900, quantity = 1, currency = "THB" }),
        }), TimeSpan.FromSeconds(30));

        await Until(async () => await service.OutboxAsync(customer) is { Count: 2 } items && items.All(i => i.Status == "delivered"),
            TimeSpan.FromSeconds(40), "the email and the push delivered", service);

        var email = Assert.Single(acs.Emails);
        Assert.Equal((Sender, "somchai@example.com"), (email.Sender, Assert.Single(email.To)));
        Assert.Contains("List-Unsubscribe", email.Headers.Keys);
        var push = Assert.Single(hub.Sends);
        Assert.Equal(("fcmv1", "$InstallationId:{inst-e2e}"), (push.Format, push.Target));
        Assert.True(hub.Installations.ContainsKey("inst-e2e"), "push.registered upserted the installation at the hub");
        Assert.Empty(acs.Rejections);
        Assert.Empty(hub.Rejections);
        var timeline = await TimelineAsync(service, customer);
        Assert.Equal(2, timeline.Count(t => t == "message.delivered"));
        Assert.Contains("Reminder email goes through Communication Services", service.RecentOutput(400));
        Assert.DoesNotContain(acs.AccessKey, service.RecentOutput(400));
        Assert.DoesNotContain(hub.Key, service.RecentOutput(400));
    }

    [Theory]
    [InlineData("after-sending-recorded", 2)]
    [InlineData("after-provider-call", 3)]
    public async Task A_send_cut_short_by_a_kill_is_sent_again_inside_the_window_and_the_provider_keeps_one_email(string killAt, int sendRequests)
    {
        await using var acs = await AcsEmailFake.StartAsync();
        await using var service = await ServiceProcess.StartAsync(E2EConfig.FastCart(), [.. Acs(acs), E2EConfig.PublicAddress],
            new Dictionary<string, string> { ["JOURNEYTRIGGERS_TEST_ONLY_KILL_AT"] = killAt });
        const string customer = "c-e2e-acs-crash";
        var now = DateTimeOffset.UtcNow;
        await service.PostEventsRetryingAsync(Events.ConsentingCart("acs", customer, "crash@example.com", now), TimeSpan.FromSeconds(30));

        await Until(() => Task.FromResult(!service.IsRunning), TimeSpan.FromSeconds(30), "the process killed itself at " + killAt, service);
        service.Environment.Remove("JOURNEYTRIGGERS_TEST_ONLY_KILL_AT");
        await service.RestartAsync();

        // ACS deduplicates, so the interrupted step 1 is re-sent (not settled unknown) and both steps end delivered.
        await Until(async () => await service.OutboxAsync(customer) is { Count: 2 } items && items.All(i => i.Status == "delivered"),
            TimeSpan.FromSeconds(40), "steps 1 and 2 delivered", service);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var step1 = (await service.OutboxAsync(customer)).Single(i => i.Step == 1);
        var step1Id = SendIds.Repeatability(step1.MessageId).ToString();
        Assert.Equal(1, acs.Emails.Count(e => e.RepeatabilityRequestId == step1Id));
        Assert.Equal(2, acs.Emails.Count);
        Assert.Equal(sendRequests, acs.SendRequests);
        var timeline = await TimelineAsync(service, customer);
        Assert.Equal(2, timeline.Count(t => t == "message.delivered"));
        Assert.DoesNotContain("message.unknown", timeline);
    }

    static string[] Acs(AcsEmailFake acs) =>
        [$"--Email:Endpoint={acs.Endpoint}", $"--Email:Sender={Sender}", $"--Email:AccessKey={acs.AccessKey}"];

    static string[] Hub(FakeNotificationHub hub) =>
        [$"--NotificationHubs:Endpoint={hub.Endpoint}", $"--NotificationHubs:HubName={FakeNotificationHub.HubName}",
         $"--NotificationHubs:SasKeyName={FakeNotificationHub.KeyName}", $"--NotificationHubs:SasKey={hub.Key}"];
}
