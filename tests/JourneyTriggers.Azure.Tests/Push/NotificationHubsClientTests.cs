using JourneyTriggers.Azure.ServiceBus;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure;
using JourneyTriggers.Azure.Push;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Azure.Tests.Push;

public sealed class NotificationHubsClientTests : IAsyncLifetime
{
    FakeNotificationHub hub = null!;
    NotificationHubsClient client = null!;

    public async Task InitializeAsync()
    {
        hub = await FakeNotificationHub.StartAsync();
        client = HubClients.For(hub);
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    static PushNotification Notification(PushPlatform platform, string title = "Your cart misses you", string? deepLink = "shop://cart/restore?c=42") =>
        new(platform, title, "Laptop 14 is still in it.", deepLink, "m-1");

    [Fact]
    public async Task An_fcmv1_send_goes_to_the_installation_tag_in_the_fcm_v1_shape_and_returns_the_notification_id()
    {
        var response = await client.SendAsync(Notification(PushPlatform.FcmV1), "inst-1");

        var send = Assert.Single(hub.Sends);
        Assert.Equal(201, response.GetRawResponse().Status);
        Assert.Equal(send.NotificationId, response.Value.NotificationId);
        Assert.NotNull(response.Value.TrackingId);
        Assert.Equal("fcmv1", send.Format);
        Assert.Equal("$InstallationId:{inst-1}", send.Target);
        using var body = JsonDocument.Parse(send.Body);
        var message = body.RootElement.GetProperty("message");
        Assert.Equal("Your cart misses you", message.GetProperty("notification").GetProperty("title").GetString());
        Assert.Equal("Laptop 14 is still in it.", message.GetProperty("notification").GetProperty("body").GetString());
        Assert.Equal("shop://cart/restore?c=42", message.GetProperty("data").GetProperty("deepLink").GetString());
        Assert.Equal("m-1", message.GetProperty("data").GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task An_apns_send_is_an_alert_in_the_aps_dictionary_with_the_deep_link_beside_it()
    {
        await client.SendAsync(Notification(PushPlatform.Apns), "inst-ios");

        var send = Assert.Single(hub.Sends);
        Assert.Equal("apple", send.Format);
        Assert.Equal("alert", send.Headers["apns-push-type"]);
        using var body = JsonDocument.Parse(send.Body);
        var alert = body.RootElement.GetProperty("aps").GetProperty("alert");
        Assert.Equal("Your cart misses you", alert.GetProperty("title").GetString());
        Assert.Equal("Laptop 14 is still in it.", alert.GetProperty("body").GetString());
        Assert.Equal("shop://cart/restore?c=42", body.RootElement.GetProperty("deepLink").GetString());
    }

    [Fact]
    public async Task A_wns_send_is_a_toast_with_escaped_text_and_the_deep_link_as_launch_argument()
    {
        await client.SendAsync(Notification(PushPlatform.Wns, title: "Deals <today> & more"), "inst-win");

        var send = Assert.Single(hub.Sends);
        Assert.Equal("windows", send.Format);
        Assert.Equal("wns/toast", send.Headers["X-WNS-Type"]);
        Assert.StartsWith("application/xml", send.ContentType, StringComparison.Ordinal);
        var toast = XDocument.Parse(Encoding.UTF8.GetString(send.Body)).Root!;
        Assert.Equal("toast", toast.Name.LocalName);
        Assert.Equal("shop://cart/restore?c=42", toast.Attribute("launch")!.Value);
        var texts = toast.Descendants("text").Select(t => t.Value).ToList();
        Assert.Equal(["Deals <today> & more", "Laptop 14 is still in it."], texts);
        Assert.Equal("ToastGeneric", toast.Descendants("binding").Single().Attribute("template")!.Value);
    }

    [Fact]
    public async Task A_throttled_send_with_a_short_Retry_After_is_retried_and_sent_once()
    {
        hub.FailSends(Fault.Throttled(0));

        var response = await client.SendAsync(Notification(PushPlatform.FcmV1), "inst-1");

        Assert.Equal(201, response.GetRawResponse().Status);
        Assert.Single(hub.Sends);
        Assert.Equal(2, hub.Requests);
    }

    [Fact]
    public async Task A_throttled_send_whose_Retry_After_exceeds_the_clients_patience_comes_back_at_once()
    {
        hub.FailSends(Fault.Throttled(120));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(Notification(PushPlatform.FcmV1), "inst-1"));

        Assert.Equal(429, failure.Status);
        Assert.Equal(1, hub.Requests);
        Assert.Equal("120", failure.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var value) ? value : null);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_send_answered_with_a_server_error_is_not_retried_since_the_hub_may_have_taken_it(int status)
    {
        hub.FailSends(new Fault(status));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(Notification(PushPlatform.FcmV1), "inst-1"));

        Assert.Equal(status, failure.Status);
        Assert.Equal(1, hub.Requests);
    }

    [Fact]
    public async Task A_send_that_times_out_is_not_retried()
    {
        hub.FailSends(Fault.Hangs(TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Notification(PushPlatform.FcmV1), "inst-1"));

        Assert.Equal(1, hub.Requests);
    }

    [Fact]
    public async Task A_refused_send_carries_the_status_and_the_services_detail()
    {
        hub.FailSends(new Fault(400));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(Notification(PushPlatform.FcmV1), "inst-1"));

        Assert.Equal(400, failure.Status);
        Assert.Equal("400", failure.ErrorCode);
        Assert.Contains("Scripted failure 400", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installations_are_created_patched_read_and_deleted()
    {
        await client.CreateOrReplaceInstallationAsync(new NotificationHubsInstallation("inst-1", "fcmv1", "token-1") { Tags = ["customer:c-42"], UserId = "c-42" });
        await client.PatchInstallationAsync("inst-1", [InstallationPatch.Add("/tags", "vip"), InstallationPatch.Replace("/pushChannel", "token-2")]);

        var read = (await client.GetInstallationAsync("inst-1")).Value;
        Assert.Equal("fcmv1", read.Platform);
        Assert.Equal("token-2", read.PushChannel);
        Assert.Equal("c-42", read.UserId);
        Assert.Equal(["customer:c-42", "vip"], read.Tags);
        Assert.False(read.PushChannelExpired);

        Assert.Equal(204, (await client.DeleteInstallationAsync("inst-1")).Status);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetInstallationAsync("inst-1"));
        Assert.Equal(404, gone.Status);
        Assert.Contains("Installation not found", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installation_calls_are_retried_through_server_errors_throttling_and_timeouts()
    {
        // A first call (a read of no installation: 404, not retried) pays for the TLS handshake, which on a busy machine
        // could otherwise take a try past its timeout and cost a try more than the faults below.
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetInstallationAsync("inst-1"))).Status);
        var before = hub.Requests;
        hub.FailInstallationCalls(new Fault(503), Fault.Throttled(0), Fault.Hangs(TimeSpan.FromSeconds(30)));

        await client.CreateOrReplaceInstallationAsync(new NotificationHubsInstallation("inst-1", "apns", "token-1"));

        Assert.Equal(4, hub.Requests - before);
        Assert.Equal("token-1", hub.Installations["inst-1"]["pushChannel"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_key_is_refused_by_the_hub()
    {
        var impostor = HubClients.For(hub, key: Convert.ToBase64String(new byte[32]));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => impostor.GetInstallationAsync("inst-1"));

        Assert.Equal(401, failure.Status);
        Assert.Contains("the signature does not match", hub.Rejections);
    }

    [Fact]
    public async Task A_token_signed_in_the_past_is_refused_as_expired()
    {
        var late = HubClients.For(hub, time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => late.GetInstallationAsync("inst-1"));

        Assert.Equal(401, failure.Status);
        Assert.Contains("the token has expired", hub.Rejections);
    }

    [Fact]
    public async Task A_token_for_another_hub_does_not_cover_this_one()
    {
        var otherHub = new Uri(hub.Endpoint, "other-hub");
        var policy = new SharedAccessSignaturePolicy(new AzureNamedKeyCredential(FakeNotificationHub.KeyName, hub.Key), otherHub, TimeSpan.FromMinutes(5));
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == hub.Certificate.Thumbprint });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hub.Endpoint, $"{FakeNotificationHub.HubName}/installations/inst-1?api-version=2020-06"));
        request.Headers.TryAddWithoutValidation("Authorization", policy.Token(DateTimeOffset.UtcNow.AddMinutes(5)));

        using var response = await http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains(hub.Rejections, r => r.StartsWith("the token's resource does not cover", StringComparison.Ordinal));
    }

    [Fact]
    public void The_token_has_the_documented_shape()
    {
        var policy = new SharedAccessSignaturePolicy(new AzureNamedKeyCredential("Send Rule", "a-key"), new Uri("https://My-NS.servicebus.windows.net/Hub"), TimeSpan.FromMinutes(5));

        var token = policy.Token(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        var expectedSignature = Uri.EscapeDataString(Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("a-key"), Encoding.UTF8.GetBytes("https%3A%2F%2Fmy-ns.servicebus.windows.net%2Fhub\n1800000000"))));
        Assert.Equal($"SharedAccessSignature sr=https%3A%2F%2Fmy-ns.servicebus.windows.net%2Fhub&sig={expectedSignature}&se=1800000000&skn=Send%20Rule", token);
    }
}
