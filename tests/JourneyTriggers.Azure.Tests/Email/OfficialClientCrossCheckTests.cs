using System.ComponentModel;
using System.Diagnostics;
using Azure;
using JourneyTriggers.Azure.Email;

namespace JourneyTriggers.Azure.Tests.Email;

/// <summary>
/// The proof that <see cref="AcsEmailFake"/> speaks ACS Email: the official JavaScript client
/// (@azure/communication-email, pinned in tests/servers) sends through it with an access-key connection
/// string, its HMAC signature passes the fake's check and its poller reaches Succeeded; then our client
/// does the same against the same fake.
/// </summary>
public sealed class OfficialClientCrossCheckTests
{
    [Fact]
    public async Task The_official_JavaScript_client_and_ours_are_both_accepted()
    {
        var script = RepositoryFiles.PathOf("tests/servers/acs-email-check.mjs");
        Assert.True(File.Exists(RepositoryFiles.PathOf("tests/servers/node_modules/@azure/communication-email/package.json")),
            $"@azure/communication-email is not installed: {NodeServer.Install}.");
        await using var fake = await AcsEmailFake.StartAsync();

        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.PathOf("tests/servers"),
            Environment = { ["JT_ACS_CONNECTION_STRING"] = fake.ConnectionString },
        };
        using var node = Start(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            try
            {
                await node.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                throw;
            }
        }
        var output = $"{await stdout}\n{await stderr}\nrejections: {string.Join("; ", fake.Rejections)}";

        Assert.True(node.ExitCode == 0, output);
        Assert.Contains("\"status\":\"Succeeded\"", output);
        Assert.Empty(fake.Rejections);
        var official = Assert.Single(fake.Emails);
        Assert.Equal(["node@example.test"], official.To);
        Assert.Equal("List-Unsubscribe=One-Click", official.Headers["List-Unsubscribe-Post"]);

        var ours = await AcsEmailTestClients.Hmac(fake).SendAsync(WaitUntil.Completed, AcsEmailTestClients.Message());
        Assert.Equal(EmailSendStatus.Succeeded, ours.Value.Status);
        Assert.Equal(2, fake.Emails.Count);
        Assert.Empty(fake.Rejections);
    }

    static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"This test needs Node.js (node on PATH): install it, then {NodeServer.Install}.", e);
        }
    }
}
