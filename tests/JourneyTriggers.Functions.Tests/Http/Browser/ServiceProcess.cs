using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace JourneyTriggers.Functions.Tests.Http.Browser;

/// <summary>
/// The built service as an operator runs it (<c>dotnet JourneyTriggers.Functions.dll</c>): its own
/// process, SQLite and the timer pump in a temporary data folder, a free loopback port. A browser
/// needs a real socket, which WebApplicationFactory's test server does not have.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public const string IngestionKey = "jt_ingest_browser_0123456789abcdef";
    public const string AdminKey = "jt_admin_browser_0123456789abcdefg";

    readonly Process process;
    readonly string data;
    readonly StringBuilder output = new();

    ServiceProcess(Process process, string data, Uri address)
    {
        this.process = process;
        this.data = data;
        Address = address;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>Everything the service printed so far, for failure messages.</summary>
    public string Output { get { lock (output) return output.ToString(); } }

    public static async Task<ServiceProcess> StartAsync(string configJson)
    {
        var data = Directory.CreateTempSubdirectory("jt-browser-").FullName;
        var config = Path.Combine(data, "triggers.json");
        await File.WriteAllTextAsync(config, configJson);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "JourneyTriggers.Functions.dll"), "--config", config, "--data", Path.Combine(data, "data"),
            "--urls", $"http://127.0.0.1:{port}", $"--Auth:IngestionKeys:0={IngestionKey}", $"--Auth:AdminKey={AdminKey}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var service = new ServiceProcess(Process.Start(start)!, data, new Uri($"http://127.0.0.1:{port}"));
        await service.WaitForHealthAsync(TimeSpan.FromSeconds(60));
        return service;
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    async Task WaitForHealthAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Assert.False(process.HasExited, "the service exited at start-up:\n" + Output);
            try
            {
                if ((await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "the service did not become healthy:\n" + Output);
            await Task.Delay(200);
        }
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(data, recursive: true);
    }
}
