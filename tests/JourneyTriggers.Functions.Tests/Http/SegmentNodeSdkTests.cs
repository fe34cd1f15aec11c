using System.Diagnostics;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// The proof of Segment compatibility: the official Node SDK (@segment/analytics-node, pinned in
/// tests/servers/package.json) sends to our real server with only its host changed.
/// </summary>
public sealed class SegmentNodeSdkTests
{
    static readonly string Servers = RepositoryFiles.PathOf("tests/servers");

    [Fact]
    public async Task The_official_Segment_Node_SDK_delivers_identify_and_track()
    {
        Assert.True(Directory.Exists(Path.Combine(Servers, "node_modules", "@segment", "analytics-node")),
            "The Segment Node SDK is not installed: run `npm ci --prefix tests/servers` (test.sh does) and run the tests again.");
        await using var server = await RealServer.StartAsync();

        var start = new ProcessStartInfo("node", [Path.Combine(Servers, "segment-send.mjs")])
        {
            WorkingDirectory = Servers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["JT_HOST"] = server.Address.ToString().TrimEnd('/'), ["JT_WRITE_KEY"] = RealServer.IngestionKey },
        };
        using var node = StartNode(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);

        var output = $"stdout:\n{await stdout}\nstderr:\n{await stderr}";
        Assert.True(node.ExitCode == 0, output);
        Assert.Equal(2, (await stdout).Split('\n').Count(l => l.StartsWith("http 200 ", StringComparison.Ordinal)));
        var customer = server.Store["c-node"];
        Assert.NotNull(customer);
        Assert.Equal("node@example.com", customer.Profile.Email);
        Assert.Equal("Asia/Bangkok", customer.Profile.TimeZone);
        var line = Assert.Single(customer.Cart.Lines);
        Assert.Equal("LAP-14", line.Sku);
        Assert.Equal(32900m, line.Price);
    }

    static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Node.js is needed to run the Segment SDK ({e.Message}); install Node 20 or later, then `npm ci --prefix tests/servers`.");
            throw;
        }
    }
}
