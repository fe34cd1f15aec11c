using System.Text.Json;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Push;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.Push;

public sealed class NotificationHubsPushSenderTests : IAsyncLifetime
{
    static readonly ProfileKey Customer = ProfileKey.ForCustomer("c-42");
    FakeNotificationHub hub = null!;
    NotificationHubsPushSender sender = null!;

    public async Task InitializeAsync()
    {
        hub = await FakeNotificationHub.StartAsync();
        sender = new NotificationHubsPushSender(HubClients.For(hub), TimeProvider.System, NullLogger<NotificationHubsPushSender>.Instance);
        hub.Seed("inst-1", "fcmv1", "token-1", "customer:c-42");
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    static Application.Messages.OutboundMessage Message() => Messages.Push("m-7", Customer, Instant.FromUtc(2026, 11, 22, 11, 0));

    [Fact]
    public async Task A_taken_send_is_accepted_with_the_hubs_notification_id_in_the_installations_platform_format()
    {
        var outcome = await sender.SendAsync(Message(), "inst-1");

        var send = Assert.Single(hub.Sends);
        Assert.Equal(new SendOutcome.Accepted(send.NotificationId), outcome);
        Assert.Equal("fcmv1", send.Format);
        using var body = JsonDocument.Parse(send.Body);
        Assert.Equal("ตะกร้าของคุณ", body.RootElement.GetProperty("message").GetProperty("notification").GetProperty("title").GetString());
        Assert.Equal("m-7", body.RootElement.GetProperty("message").GetProperty("data").GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task An_installation_the_hub_does_not_have_is_gone_and_nothing_is_sent()
    {
        var outcome = await sender.SendAsync(Message(), "inst-unknown");

        Assert.IsType<SendOutcome.InstallationGone>(outcome);
        Assert.Equal("inst-unknown", ((SendOutcome.InstallationGone)outcome).InstallationId);
        Assert.Empty(hub.Sends);
    }

    [Fact]
    public async Task An_installation_whose_channel_expired_is_gone_and_nothing_is_sent()
    {
        hub.ExpireChannel("inst-1");

        var outcome = await sender.SendAsync(Message(), "inst-1");

        Assert.IsType<SendOutcome.InstallationGone>(outcome);
        Assert.Empty(hub.Sends);
    }

    [Fact]
    public async Task Cut_short_by_its_caller_before_the_send_is_not_sent_so_it_can_be_tried_again()
    {
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var notSent = Assert.IsType<SendOutcome.NotSent>(await sender.SendAsync(Message(), "inst-1", deadline.Token));

        Assert.Equal("cut short while the installation was read, before anything was sent", notSent.Reason);
        Assert.Empty(hub.Sends);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task A_send_answered_not_found_or_gone_is_installation_gone(int status)
    {
        hub.FailSends(new Fault(status));

        Assert.IsType<SendOutcome.InstallationGone>(await sender.SendAsync(Message(), "inst-1"));
    }

    [Fact]
    public async Task Throttling_beyond_the_clients_patience_is_not_sent_with_the_hubs_Retry_After()
    {
        hub.FailSends(Fault.Throttled(120));

        var outcome = await sender.SendAsync(Message(), "inst-1");

        var notSent = Assert.IsType<SendOutcome.NotSent>(outcome);
        Assert.Equal(Duration.FromSeconds(120), notSent.RetryAfter);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Authorization_and_quota_refusals_are_not_sent(int status)
    {
        hub.FailSends(new Fault(status));

        var notSent = Assert.IsType<SendOutcome.NotSent>(await sender.SendAsync(Message(), "inst-1"));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), notSent.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public async Task Other_client_errors_are_final_refusals(int status)
    {
        hub.FailSends(new Fault(status));

        var refused = Assert.IsType<SendOutcome.Refused>(await sender.SendAsync(Message(), "inst-1"));
        Assert.Contains($"Scripted failure {status}", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_on_the_send_is_unknown_and_never_repeated(int status)
    {
        hub.FailSends(new Fault(status));

        Assert.IsType<SendOutcome.Unknown>(await sender.SendAsync(Message(), "inst-1"));
        Assert.Equal(2, hub.Requests); // the installation read and one send
    }

    [Fact]
    public async Task A_send_that_times_out_is_unknown()
    {
        hub.FailSends(Fault.Hangs(TimeSpan.FromSeconds(30)));

        Assert.IsType<SendOutcome.Unknown>(await sender.SendAsync(Message(), "inst-1"));
        Assert.Equal(2, hub.Requests);
    }

    [Fact]
    public async Task A_hub_that_cannot_be_reached_has_sent_nothing()
    {
        var port = LoopbackPorts.Free();
        var unreachable = new NotificationHubsClient(new Uri($"https://127.0.0.1:{port}/"), FakeNotificationHub.HubName,
            new global::Azure.AzureNamedKeyCredential(FakeNotificationHub.KeyName, hub.Key), HubClients.Options(hub));
        var offline = new NotificationHubsPushSender(unreachable, TimeProvider.System, NullLogger<NotificationHubsPushSender>.Instance);

        Assert.IsType<SendOutcome.NotSent>(await offline.SendAsync(Message(), "inst-1"));
    }

    [Fact]
    public async Task A_message_without_push_content_is_refused()
    {
        var email = Messages.Email("m-8", Customer, Instant.FromUtc(2026, 11, 22, 11, 0));

        Assert.IsType<SendOutcome.Refused>(await sender.SendAsync(email, "inst-1"));
        Assert.Equal(0, hub.Requests);
    }
}
