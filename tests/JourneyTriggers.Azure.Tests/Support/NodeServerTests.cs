using System.Net;
using System.Net.Sockets;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>
/// Starting a test server on ports another process took in the meantime: CI once failed 50 tests because
/// Azurite exited with EADDRINUSE. Such a start is retried on fresh ports; any other failure is reported at once.
/// </summary>
public sealed class NodeServerTests : IDisposable
{
    const string Script = "tests/servers/cosmosdb-server.cjs";

    /// <summary>
    /// The local end of an outgoing connection, as any client socket of the test assemblies running side by side may
    /// hold a port. (A squatter that listened would answer the readiness probe in the server's place; ports are picked
    /// where that is unlikely.)
    /// </summary>
    readonly TcpListener peer = new(IPAddress.Loopback, 0);
    readonly TcpClient squatter = new();
    readonly string workspace = Directory.CreateTempSubdirectory("jt-node-server-").FullName;

    public NodeServerTests()
    {
        peer.Start();
        squatter.Connect((IPEndPoint)peer.LocalEndpoint);
    }

    int Taken => ((IPEndPoint)squatter.Client.LocalEndPoint!).Port;

    [Fact]
    public async Task A_port_taken_before_the_server_binds_it_is_picked_again()
    {
        var picks = 0;

        await using var server = await NodeServer.StartAsync("cosmosdb-server", Script, 1, ports => [$"{ports[0]}"], workspace,
            count => picks++ == 0 ? [Taken] : LoopbackPorts.Free(count));

        Assert.Equal(2, picks);
        Assert.NotEqual(Taken, server.Ports[0]);
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, server.Ports[0]);
    }

    [Fact]
    public async Task Ports_taken_on_every_attempt_fail_saying_so()
    {
        var picks = 0;

        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => NodeServer.StartAsync("cosmosdb-server", Script, 1,
            ports => [$"{ports[0]}"], workspace, _ => { picks++; return [Taken]; }));

        Assert.Equal(NodeServer.Attempts, picks);
        Assert.Contains("EADDRINUSE", failure.Message);
    }

    [Fact]
    public async Task A_server_that_fails_for_another_reason_is_not_started_again()
    {
        var picks = 0;

        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => NodeServer.StartAsync("cosmosdb-server", Script, 1,
            _ => ["not-a-port"], workspace, count => { picks++; return LoopbackPorts.Free(count); }));

        Assert.Equal(1, picks);
        Assert.Contains("usage: node cosmosdb-server.cjs PORT", failure.Message);
    }

    public void Dispose()
    {
        squatter.Dispose();
        peer.Stop();
        Directory.Delete(workspace, recursive: true);
    }
}
