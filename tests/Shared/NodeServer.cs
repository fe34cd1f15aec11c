using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JourneyTriggers.Tests.Support;

/// <summary>
/// A server from tests/servers run with node on loopback ports the test picked, stopped (with its whole
/// process tree) on dispose. Not installed is a failure that says how to install it, never a skip.
/// </summary>
internal sealed class NodeServer : IAsyncDisposable
{
    public const string Install = "run `npm ci --prefix tests/servers` from the repository root";

    readonly Process process;
    readonly StringBuilder output = new();

    NodeServer(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    /// <summary>The loopback ports it listens on, in the order its arguments were built with.</summary>
    public IReadOnlyList<int> Ports { get; private init; } = [];

    /// <summary>
    /// Starts <paramref name="script"/> (relative to the repository root) in <paramref name="workingDirectory"/> on
    /// <paramref name="portCount"/> free loopback ports, with the command line <paramref name="arguments"/> builds from
    /// them, and waits until it accepts connections on every one. A port taken between being picked and being bound
    /// is not a test failure: the server is started again on fresh ports (up to <see cref="Attempts"/> times).
    /// </summary>
    /// <param name="pickPorts">How ports are picked (<see cref="LoopbackPorts.Free(int)"/>); the tests of this class pass a taken one.</param>
    public static async Task<NodeServer> StartAsync(string name, string script, int portCount,
        Func<IReadOnlyList<int>, IReadOnlyList<string>> arguments, string workingDirectory, Func<int, int[]>? pickPorts = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = (pickPorts ?? LoopbackPorts.Free)(portCount);
            try
            {
                return await StartOnAsync(name, script, arguments(ports), workingDirectory, ports);
            }
            catch (PortTakenException) when (attempt < Attempts)
            {
            }
        }
    }

    public const int Attempts = 5;

    static async Task<NodeServer> StartOnAsync(string name, string script, IReadOnlyList<string> arguments, string workingDirectory, int[] ports)
    {
        var path = RepositoryFiles.PathOf(script);
        if (!File.Exists(path))
            throw new InvalidOperationException($"These tests need {name} ({script}), which is not installed: {Install}.");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"These tests need Node.js (node on PATH) to run {name}; install it, then {Install}.", e);
        }
        var server = new NodeServer(name, process) { Ports = ports };
        process.OutputDataReceived += (_, line) => server.Record(line.Data);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync(ports);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    async Task WaitUntilListeningAsync(int[] ports)
    {
        // Generous: a server's first start on a busy CI machine (test assemblies run side by side) is slow.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    // The output handlers may still be draining: wait for them before reading why it exited.
                    process.WaitForExit();
                    var why = $"{Name} exited with code {process.ExitCode}:\n{Output}";
                    // Node names a port it could not bind EADDRINUSE, whichever server it runs.
                    throw Output.Contains("EADDRINUSE", StringComparison.Ordinal) ? new PortTakenException(why) : new InvalidOperationException(why);
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not listen on port {port} in time:\n{Output}");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    // Nothing listening yet, the kernel may still give the probe the very port it dials (connect()
                    // shares local ports across destinations), and a socket connected to itself answers: not the server.
                    if (!probe.Client.LocalEndPoint!.Equals(probe.Client.RemoteEndPoint)) break;
                }
                catch (SocketException)
                {
                }
                await Task.Delay(50);
            }
        }
    }

    sealed class PortTakenException(string message) : InvalidOperationException(message);

    void Record(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
