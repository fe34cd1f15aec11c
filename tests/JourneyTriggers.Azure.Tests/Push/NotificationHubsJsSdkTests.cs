using System.Diagnostics;
using JourneyTriggers.Azure.Push;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyTriggers.Azure.Tests.Push;

/// <summary>
/// Keeps <see cref="FakeNotificationHub"/> honest: the official JavaScript SDK (@azure/notification-hubs,
/// pinned in tests/servers) is accepted by it through a connection string — its SAS tokens, paths,
/// headers and bodies — and our client is accepted by the same fake, so both speak the service's protocol.
/// </summary>
public sealed class NotificationHubsJsSdkTests
{
    static readonly string Servers = RepositoryFiles.PathOf("tests/servers");

    [Fact]
    public async Task The_official_js_sdk_and_our_client_are_both_accepted_by_the_fake_hub()
    {
        Assert.True(Directory.Exists(Path.Combine(Servers, "node_modules", "@azure", "notification-hubs")),
            $"The JavaScript SDK is not installed: {NodeServer.Install}.");
        await using var hub = await FakeNotificationHub.StartAsync();
        var caFile = Path.Combine(Path.GetTempPath(), $"fake-nh-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, hub.Certificate.ExportCertificatePem());
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(Servers, "notification-hubs-send.mjs")])
            {
                WorkingDirectory = Servers,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["JT_NH_CONNECTION_STRING"] = hub.ConnectionString;
            start.Environment["JT_NH_HUB"] = FakeNotificationHub.HubName;
            start.Environment["NODE_EXTRA_CA_CERTS"] = caFile;
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await node.WaitForExitAsync(timeout.Token);
            var output = await stdout + await stderr;

            Assert.True(node.ExitCode == 0, output + "\nrefused by the fake: " + string.Join("; ", hub.Rejections));
            Assert.Empty(hub.Rejections);
            var sdkSend = Assert.Single(hub.Sends);
            Assert.Equal("fcmv1", sdkSend.Format);
            Assert.Equal("$InstallationId:{inst-node}", sdkSend.Target);
            Assert.Contains($"sent: notification {sdkSend.NotificationId}", output, StringComparison.Ordinal);
            var installation = hub.Installations["inst-node"];
            Assert.Equal(["customer:c-node", "sdk:js"], installation["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.False(hub.Installations.ContainsKey("inst-node-2"));

            // The installation the SDK made, read and sent to through our client, on the same fake.
            var ours = new NotificationHubsPushSender(HubClients.For(hub), TimeProvider.System, NullLogger<NotificationHubsPushSender>.Instance);
            var message = Support.Messages.Push("m-js", Core.Customers.ProfileKey.ForCustomer("c-node"), NodaTime.Instant.FromUtc(2026, 11, 22, 11, 0));
            var outcome = await ours.SendAsync(message, "inst-node");
            Assert.IsType<Application.Ports.SendOutcome.Accepted>(outcome);
            Assert.Equal(2, hub.Sends.Count);
            Assert.Empty(hub.Rejections);
        }
        finally
        {
            File.Delete(caFile);
        }
    }
}
