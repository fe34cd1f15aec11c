using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// The custom handler started as the host starts it (azure-functions-host <c>HttpWorkerProcess.CreateWorkerProcess</c>,
/// <c>WorkerProcess.StartProcessAsync</c>): <c>defaultExecutablePath</c> with <c>arguments</c>, in the app root unless
/// <c>workingDirectory</c> says otherwise, the app settings as environment variables plus the port and ids the host adds;
/// ready once <c>GET /</c> gets any answer (<c>DefaultHttpWorkerService.IsWorkerReady</c>, every 25 ms, 30 s at most).
/// </summary>
internal sealed class HandlerProcess : IAsyncDisposable
{
    static readonly TimeSpan InitializationTimeout = TimeSpan.FromSeconds(30);

    readonly Process process;
    readonly StringBuilder output = new();

    HandlerProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public bool HasExited => process.HasExited;

    /// <summary>What the handler wrote: the host logs stdout as information and stderr as errors.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static async Task<HandlerProcess> StartAsync(FunctionApp app, IReadOnlyDictionary<string, string> appSettings)
    {
        var handler = app.Handler;
        var executable = Path.Combine(app.Root, handler.DefaultExecutablePath + (OperatingSystem.IsWindows() ? ".exe" : ""));
        var port = LoopbackPorts.Free();
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = string.IsNullOrEmpty(handler.WorkingDirectory) ? app.Root : Path.Combine(app.Root, handler.WorkingDirectory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in handler.Arguments) start.ArgumentList.Add(argument);
        // The test process's own settings (DOTNET_*, ASPNETCORE_*) must not leak in: the host passes its app settings only.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in appSettings) start.Environment[name] = value;
        var portText = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = portText;
        start.Environment["FUNCTIONS_HTTPWORKER_PORT"] = portText;
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = app.Root;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var started = new HandlerProcess(process, port);
        process.OutputDataReceived += (_, line) => started.Record(line.Data);
        process.ErrorDataReceived += (_, line) => started.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilReadyAsync();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + InitializationTimeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The handler exited with code {process.ExitCode} before it listened:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The handler did not answer GET / within {InitializationTimeout.TotalSeconds} s:\n{Output}");
            try
            {
                using var _ = await client.GetAsync("/");
                return;
            }
            // Not listening yet, or (TaskCanceledException, this client's 5 s) a cold handler slow with its first answer
            // on a loaded machine: neither means it will not be ready, so it is asked again until the deadline above.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(25);
            }
        }
    }

    void Record(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    /// <summary>Ends the handler at once, as a crash or an instance being recycled would.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
