using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>
/// A real SMTP server for the tests: maildev (pinned in tests/servers), on free local ports, with its
/// REST API to read what it received. Not installed is a failure, never a skip.
/// </summary>
internal sealed class MailDev : IAsyncDisposable
{
    const string Install = "run `npm ci --prefix tests/servers` from the repository root";

    readonly Process process;
    readonly StringBuilder output = new();
    readonly TempDirectory mails;
    readonly HttpClient http = new();

    MailDev(Process process, TempDirectory mails, int smtpPort, int webPort)
    {
        this.process = process;
        this.mails = mails;
        SmtpPort = smtpPort;
        http.BaseAddress = new Uri($"http://127.0.0.1:{webPort}/");
    }

    public int SmtpPort { get; }

    /// <summary>Starts maildev; <paramref name="arguments"/> are added to its command line (e.g. to require authentication).</summary>
    public static async Task<MailDev> StartAsync(params string[] arguments)
    {
        var script = RepositoryFiles.PathOf("tests/servers/node_modules/maildev/bin/maildev");
        if (!File.Exists(script))
            throw new InvalidOperationException($"The SMTP tests need maildev, which is not installed: {Install}.");
        var (smtpPort, webPort) = (FreePort(), FreePort());
        var mails = new TempDirectory();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] command = [script, "--smtp", $"{smtpPort}", "--web", $"{webPort}", "--ip", "127.0.0.1", "--mail-directory", mails.Path, .. arguments];
        foreach (var argument in command) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            mails.Dispose();
            throw new InvalidOperationException($"The SMTP tests need Node.js (node on PATH) to run maildev; install it, then {Install}.", e);
        }
        var server = new MailDev(process, mails, smtpPort, webPort);
        process.OutputDataReceived += (_, line) => server.Record(line.Data);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync(smtpPort, webPort);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every email received, as maildev's <c>GET /email</c> gives them.</summary>
    public async Task<JsonElement[]> EmailsAsync()
    {
        using var response = await http.GetAsync("email");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
    }

    async Task WaitUntilListeningAsync(params int[] ports)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"maildev exited with code {process.ExitCode}:\n{Output}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"maildev did not listen on port {port} in time:\n{Output}");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }
        }
    }

    string Output
    {
        get { lock (output) return output.ToString(); }
    }

    void Record(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        http.Dispose();
        mails.Dispose();
    }
}
