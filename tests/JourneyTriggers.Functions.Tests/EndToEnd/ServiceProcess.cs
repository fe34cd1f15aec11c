using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using JourneyTriggers.Tests.Support;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// The real service as an operator runs it: <c>dotnet JourneyTriggers.Functions.dll --config F --data D --urls U</c>,
/// started as a child process on a free loopback port with a temporary data folder. It can be killed
/// without warning (SIGKILL, no graceful shutdown) or asked to stop (SIGTERM), and started again on the same folder and port
/// (on another port only when something else took it meanwhile; <see cref="Http"/> follows).
/// Disposing always kills the process and deletes the folder, whatever the test did.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>A cold start of the host on a loaded 2-core machine takes seconds; this bounds a hung one.</summary>
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>One health poll while starting; a cold process slower than this to answer is asked again.</summary>
    static readonly TimeSpan HealthPollLimit = TimeSpan.FromSeconds(10);

    /// <summary>Starts on a fresh port after the one picked was taken before the process bound it.</summary>
    const int PortAttempts = 5;

    /// <summary>
    /// How long a request may take: past the product's decided-read wait (<c>DecidedReads.MaxWait</c>, 30 s), so a read
    /// that waits it out gets the service's answer rather than racing this client's cancellation.
    /// </summary>
    static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(60);

    readonly string configPath;
    readonly ConcurrentQueue<string> output = new();
    readonly object gate = new();
    Process? process;
    Uri baseAddress;
    int disposed;
    IReadOnlyList<string> arguments = [];

    /// <summary>Environment variables of the next start (and every one after), on top of this process's own.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    ServiceProcess(string root, string configPath, int port)
    {
        Root = root;
        this.configPath = configPath;
        DataDirectory = Path.Combine(root, "data");
        baseAddress = Loopback(port);
        // Pooled connections die with the process; a short lifetime keeps retries from reusing a dead one for long.
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(5) };
        Http = new HttpClient(new ToCurrentAddress(this, sockets))
        {
            BaseAddress = baseAddress,
            Timeout = RequestLimit,
        };
    }

    static Uri Loopback(int port) => new($"http://127.0.0.1:{port}");

    public string Root { get; }

    public string DataDirectory { get; }

    /// <summary>Where the process listens now.</summary>
    public Uri BaseAddress
    {
        get
        {
            lock (gate) return baseAddress;
        }
    }

    /// <summary>Shared by every caller, sent to where the process listens now; requests carry their own Authorization header.</summary>
    public HttpClient Http { get; }

    public string IngestionKey { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    /// <summary>Times the process was started (the first start included).</summary>
    public int Starts { get; private set; }

    /// <summary>Times it was killed with SIGKILL while running.</summary>
    public int Kills { get; private set; }

    /// <summary>The running process's id, to show a test that the process it talks to did not change (no crash, no restart).</summary>
    public int ProcessId
    {
        get
        {
            lock (gate) return process?.Id ?? 0;
        }
    }

    public bool IsRunning
    {
        get
        {
            lock (gate) return process is { HasExited: false };
        }
    }

    /// <summary>Writes <paramref name="configJson"/> as the trigger configuration, starts the service and waits for it to be healthy.</summary>
    /// <param name="arguments">Added to the command line (settings such as <c>--Smtp:Host=…</c>).</param>
    public static async Task<ServiceProcess> StartAsync(string configJson, IReadOnlyList<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = Directory.CreateTempSubdirectory("jt-e2e-").FullName;
        var configPath = Path.Combine(root, "triggers.json");
        await File.WriteAllTextAsync(configPath, configJson);
        var service = new ServiceProcess(root, configPath, LoopbackPorts.Free());
        service.arguments = arguments ?? [];
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) service.Environment[name] = value;
        try
        {
            await service.StartProcessAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no draining of requests or timers — as a power-less crash of the process.</summary>
    public void Kill()
    {
        Process? victim;
        lock (gate)
        {
            victim = process;
            process = null;
        }
        if (victim is null) return;
        try
        {
            if (!victim.HasExited)
            {
                victim.Kill(entireProcessTree: true);
                Kills++;
            }
            // Bounded: a killed process is reaped at once; this only guards a wedged kernel.
            victim.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            victim.Dispose();
        }
    }

    /// <summary>
    /// SIGTERM, as systemd, Kubernetes and <c>docker stop</c> ask a service to stop: the process shuts down by itself.
    /// Returns its exit code; a process still running after <paramref name="limit"/> fails the test (and is killed).
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        Process? stopping;
        lock (gate)
        {
            stopping = process;
            process = null;
        }
        if (stopping is null) throw new InvalidOperationException("The service is not running.");
        using var _ = stopping;
        if (Signals.Kill(stopping.Id, Signals.Terminate) != 0)
            throw new InvalidOperationException($"kill({stopping.Id}, SIGTERM) failed with errno {Marshal.GetLastWin32Error()}.");
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await stopping.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            stopping.Kill(entireProcessTree: true);
            throw new TimeoutException($"The service did not stop within {limit.TotalSeconds} s of SIGTERM.\n{RecentOutput()}");
        }
        return stopping.ExitCode;
    }

    /// <summary>Starts the process again on the same data folder and port, killing it first if it runs.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await StartProcessAsync();
    }

    /// <summary>
    /// A port picked free can be taken before the cold process binds it, seconds later, by any of the test assemblies
    /// running side by side, and a restart's port while the process was down. Neither is the service's failure: it
    /// starts again on a fresh port.
    /// </summary>
    async Task StartProcessAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync();
                return;
            }
            catch (PortTakenException) when (attempt < PortAttempts)
            {
                Kill();
                var port = LoopbackPorts.Free();
                lock (gate) baseAddress = Loopback(port);
                Remember($"--- port taken, starting on {port} ---");
            }
        }
    }

    async Task StartOnceAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "JourneyTriggers.Functions.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var arg in (string[])[
                     dll, "--config", configPath, "--data", DataDirectory, "--urls", BaseAddress.ToString().TrimEnd('/'),
                     // Request-by-request framework logs would only fill the pipe; the service's own logs stay.
                     "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Microsoft.Hosting=Warning"])
            start.ArgumentList.Add(arg);
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        var started = new Process { StartInfo = start };
        var portTaken = false;
        // Drained continuously: a full stdout pipe would block the service's logging and stall it.
        started.OutputDataReceived += (_, e) => Remember(e.Data);
        started.ErrorDataReceived += (_, e) =>
        {
            // How the service refuses an address in use (ServeCommand), before it exits with 1.
            if (e.Data?.Contains("cannot start: Failed to bind to address", StringComparison.Ordinal) == true) Volatile.Write(ref portTaken, true);
            Remember(e.Data is null ? null : "stderr: " + e.Data);
        };
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        lock (gate) process = started;
        Starts++;
        Remember($"--- start #{Starts} (pid {started.Id}) ---");

        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            if (started.HasExited)
            {
                // The output handlers may still be draining: wait for them before reading why it exited.
                started.WaitForExit();
                var why = $"The service exited with code {started.ExitCode} while starting.\n{RecentOutput()}";
                throw Volatile.Read(ref portTaken) ? new PortTakenException(why) : new InvalidOperationException(why);
            }
            try
            {
                // Each poll bounded on its own: whatever took the port may hold the request, while the process
                // that could not bind it has already exited.
                using var poll = new CancellationTokenSource(HealthPollLimit);
                using var health = await Http.GetAsync("/api/health", poll.Token);
                if (health.StatusCode == HttpStatusCode.OK) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The service was not healthy within {StartLimit.TotalSeconds} s.\n{RecentOutput()}");
            await Task.Delay(100);
        }

        if (IngestionKey.Length == 0)
        {
            var keys = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "keys.json"))).RootElement;
            IngestionKey = keys.GetProperty("ingestionKeys")[0].GetString()!;
            AdminKey = keys.GetProperty("adminKey").GetString()!;
        }
    }

    sealed class PortTakenException(string message) : InvalidOperationException(message);

    /// <summary>Sends each request to the port the process listens on now, which a restart may have moved.</summary>
    sealed class ToCurrentAddress(ServiceProcess service, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri && service.BaseAddress.Port is var port && uri.Port != port)
                request.RequestUri = new UriBuilder(uri) { Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    void Remember(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 300) output.TryDequeue(out _);
    }

    /// <summary>The last lines the service printed, across restarts: for failure messages.</summary>
    public string RecentOutput(int lines = 80) => string.Join('\n', output.TakeLast(lines));

    // ----- typed helpers -----

    public HttpRequestMessage Ingestion(HttpMethod method, string path, HttpContent? content = null) =>
        new(method, path) { Content = content, Headers = { Authorization = new AuthenticationHeaderValue("Bearer", IngestionKey) } };

    public HttpRequestMessage Admin(string path) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) } };

    /// <summary>The Segment routes' Basic auth: the write key as user name, no password.</summary>
    public HttpRequestMessage Segment(string path, HttpContent content) =>
        new(HttpMethod.Post, path)
        {
            Content = content,
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(IngestionKey + ":"))) },
        };

    /// <summary>One attempt: the raw answer, whatever it is.</summary>
    public Task<HttpResponseMessage> PostEventsAsync(string json) =>
        Http.SendAsync(Ingestion(HttpMethod.Post, "/api/events", JsonContent(json)));

    /// <summary>
    /// Posts until an answer comes back: a request cut off by a kill (refused, reset, timed out) is sent
    /// again, byte for byte. Ingestion is idempotent by event id, so that is always safe. Any answer
    /// other than 202 fails the test.
    /// </summary>
    public async Task<IngestAnswer> PostEventsRetryingAsync(string json, TimeSpan limit, Action<Exception>? onRetry = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                using var response = await PostEventsAsync(json);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Accepted)
                    throw new InvalidOperationException($"POST /api/events answered {(int)response.StatusCode}: {text}\n{RecentOutput()}");
                return IngestAnswer.Parse(text);
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or IOException) && DateTime.UtcNow < deadline)
            {
                onRetry?.Invoke(e);
                await Task.Delay(150);
            }
        }
    }

    /// <summary>The outbox, newest first (<c>GET /api/outbox</c>), optionally for one customer.</summary>
    public async Task<IReadOnlyList<OutboxItem>> OutboxAsync(string? customerId = null, int limit = 500)
    {
        var query = customerId is null ? $"/api/outbox?limit={limit}" : $"/api/outbox?customerId={Uri.EscapeDataString(customerId)}&limit={limit}";
        var text = (await GetAdminRetryingAsync(query))!;
        return JsonSerializer.Deserialize<List<OutboxItem>>(text, JsonOptions)!;
    }

    /// <summary><c>GET /api/customers/{id}</c>, or null for 404.</summary>
    public async Task<JsonElement?> CustomerAsync(string customerId)
    {
        var text = await GetAdminRetryingAsync($"/api/customers/{Uri.EscapeDataString(customerId)}", allowNotFound: true);
        return text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The archived touchpoints (<c>GET /api/touchpoints</c>, with <paramref name="query"/>), one line each.</summary>
    public async Task<IReadOnlyList<string>> TouchpointsAsync(string query = "") =>
        (await GetAdminRetryingAsync("/api/touchpoints" + query))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<HttpStatusCode> HealthAsync()
    {
        using var response = await Http.GetAsync("/api/health");
        return response.StatusCode;
    }

    /// <summary>
    /// Reads retry across a restart in progress, as posts do, and after a 503 with Retry-After (the service still
    /// deciding earlier events after its 30 s wait, on a loaded machine), as that answer asks; another 5xx, an
    /// unexpected status, or the service still behind after 60 s fails.
    /// </summary>
    async Task<string?> GetAdminRetryingAsync(string path, bool allowNotFound = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await Http.SendAsync(Admin(path));
                var text = await response.Content.ReadAsStringAsync();
                if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound) return null;
                if (response is { StatusCode: HttpStatusCode.ServiceUnavailable, Headers.RetryAfter.Delta: { } retryAfter } && DateTime.UtcNow + retryAfter < deadline)
                {
                    await Task.Delay(retryAfter);
                    continue;
                }
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}\n{RecentOutput()}");
                return text;
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or IOException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(150);
            }
        }
    }

    public static ByteArrayContent JsonContent(string json, string contentType = "application/json") =>
        RawContent(Encoding.UTF8.GetBytes(json), contentType);

    public static ByteArrayContent RawContent(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);


    /// <summary>.NET can only SIGKILL a child process; SIGTERM takes libc's <c>kill(2)</c>.</summary>
    static class Signals
    {
        public const int Terminate = 15;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        Kill();
        Http.Dispose();
        // The SQLite files may take a moment to be released after the kill.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100);
            }
            catch (UnauthorizedAccessException) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }
}

/// <summary>The 202 of <c>POST /api/events</c>.</summary>
internal sealed record IngestAnswer(int Accepted, int Duplicates, int Rejected, IReadOnlyList<IngestResult> Results, string Raw)
{
    public static IngestAnswer Parse(string text)
    {
        var answer = JsonSerializer.Deserialize<IngestAnswer>(text, ServiceProcess.JsonOptions)!;
        return answer with { Raw = text };
    }
}

internal sealed record IngestResult(int Index, string? Id, string Status, string? Reason);

/// <summary>One outbox entry, as <c>GET /api/outbox</c> shows it.</summary>
internal sealed record OutboxItem(
    string MessageId, string? CustomerId, string Channel, string Trigger, int Step, string Template, string Locale,
    string? Subject, DateTimeOffset At, string Status, DateTimeOffset? DeliveredAt, string? To, string? Html, string? Text);

/// <summary>The configurations the end-to-end tests run: a cart journey of seconds, with no guard rail in the way.</summary>
internal static class E2EConfig
{
    /// <summary>With a real email sender (SMTP, Communication Services) the service needs the address of its unsubscribe links.</summary>
    public const string PublicAddress = "--Unsubscribe:BaseUrl=https://jt.shop.example";

    /// <summary>Steps at 2 s after the last cart activity, then 4 s after step 1; no quiet hours, holdout or caps.</summary>
    public static string FastCart(string? reentryCooldown = null) => $$"""
        {
          "defaults": { "timeZone": "Asia/Bangkok", "locale": "en-US", "quietHours": null, "holdoutPercent": 0, "emailConsent": "explicit" },
          "triggers": [
            { "name": "abandoned_cart", "kind": "cart_abandoned"{{(reentryCooldown is null ? "" : $", \"reentryCooldown\": \"{reentryCooldown}\"")}},
              "steps": [ { "after": "PT2S", "channels": ["email"], "template": "cart-reminder-1" },
                         { "after": "PT4S", "channels": ["email"], "template": "cart-reminder-2" } ] }
          ]
        }
        """;

    public static readonly TimeSpan Step1 = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Step2 = TimeSpan.FromSeconds(4);
}

/// <summary>Native touchpoints (DESIGN 4.1) stamped with real time, since the real process decides on its own clock.</summary>
internal static class Events
{
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Identify(string id, string customerId, string email, DateTimeOffset at, string locale = "th-TH", string firstName = "Somchai") =>
        JsonSerializer.Serialize(new
        {
            id, type = "customer.identified", customerId, timestamp = Stamp(at),
            properties = new { email, firstName, locale, timeZone = "Asia/Bangkok" },
        });

    public static string EmailConsent(string id, string customerId, DateTimeOffset at) =>
        JsonSerializer.Serialize(new { id, type = "consent.updated", customerId, timestamp = Stamp(at), properties = new { email = true } });

    public static string CartAdd(string id, string customerId, DateTimeOffset at, string sku = "LAP-14", int quantity = 1, string name = "Laptop 14", decimal price = 32900) =>
        JsonSerializer.Serialize(new
        {
            id, type = "cart.item_added", customerId, timestamp = Stamp(at), source = "web",
            properties = new { sku, name, price, quantity, currency = "THB" },
        });

    public static string Array(IEnumerable<string> events) => "[" + string.Join(",", events) + "]";

    /// <summary>
    /// A customer the cart trigger can reach by email: who they are (with their address), their consent, then the laptop
    /// in the cart; the events' ids are <paramref name="idPrefix"/>-1 to -3.
    /// </summary>
    public static string ConsentingCart(string idPrefix, string customerId, string email, DateTimeOffset at) => Array([
        Identify(idPrefix + "-1", customerId, email, at),
        EmailConsent(idPrefix + "-2", customerId, at),
        CartAdd(idPrefix + "-3", customerId, at),
    ]);
}
