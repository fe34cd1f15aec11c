using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// Stands between the handler process and the test Cosmos server: plain HTTP on loopback in front of its HTTPS with a
/// self-signed certificate (trusted here, never in product code), counting every request the handler makes — the
/// handler is another process, so a Cosmos <c>RequestHandler</c> cannot see them — and, when told, answering as an
/// unavailable account would. The SDK signs the verb, resource and date, not the host, so relaying changes nothing it checks.
/// </summary>
internal sealed class CosmosProxy : IAsyncDisposable
{
    readonly WebApplication app;
    readonly HttpClient upstream;

    CosmosProxy(WebApplication app, HttpClient upstream)
    {
        this.app = app;
        this.upstream = upstream;
    }

    /// <summary>The loopback port the proxy listens on, chosen by the kernel when it bound (so never taken by someone else).</summary>
    public int Port { get; private set; }

    /// <summary>Every document operation relayed: kind, bytes each way, the server's request charge when it gives one.</summary>
    public ConcurrentQueue<CosmosOperation> Operations { get; } = new();

    /// <summary>When set, document operations are answered with this status instead of being relayed.</summary>
    public HttpStatusCode? Fault { get; set; }

    public static async Task<CosmosProxy> StartAsync(Uri cosmosServer)
    {
        var upstream = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            UseCookies = false,
        }) { BaseAddress = cosmosServer, Timeout = TimeSpan.FromSeconds(30) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new CosmosProxy(app, upstream);
        app.Run(proxy.RelayAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Port = new Uri(address).Port;
        return proxy;
    }

    async Task RelayAsync(HttpContext context)
    {
        var request = context.Request;
        var kind = CosmosOperation.Classify(request.Method, request.Path.Value ?? "", request.Headers);
        if (kind is not null && Fault is { } fault)
        {
            Operations.Enqueue(new CosmosOperation(kind, 0, 0, null, (int)fault));
            context.Response.StatusCode = (int)fault;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code":"ServiceUnavailable","message":"injected by the test proxy"}""");
            return;
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        using var relayed = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (body.Length > 0 || request.ContentLength is not null) relayed.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!relayed.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) relayed.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        using var answer = await upstream.SendAsync(relayed, context.RequestAborted);
        var bytes = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (kind is not null)
        {
            var charge = answer.Headers.TryGetValues("x-ms-request-charge", out var charges)
                && double.TryParse(charges.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : (double?)null;
            Operations.Enqueue(new CosmosOperation(kind, (int)body.Length, bytes.Length, charge, (int)answer.StatusCode));
        }
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[name] = values.ToArray();
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }
}

/// <summary>One document operation: <see cref="Kind"/> is read, create, replace, upsert, delete or query.</summary>
internal sealed record CosmosOperation(string Kind, int RequestBytes, int ResponseBytes, double? RequestCharge, int Status)
{
    /// <summary>The kind of a request to a container's documents (REST: /dbs/{db}/colls/{coll}/docs[/{id}]); null for anything else.</summary>
    public static string? Classify(string method, string path, IHeaderDictionary headers)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is not (5 or 6) || segments[0] != "dbs" || segments[2] != "colls" || segments[4] != "docs") return null;
        var item = segments.Length == 6;
        return (method, item) switch
        {
            ("GET", true) => "read",
            ("PUT", true) => "replace",
            ("DELETE", true) => "delete",
            ("POST", false) when headers.ContainsKey("x-ms-documentdb-isquery") || headers.ContentType.ToString().Contains("query", StringComparison.Ordinal) => "query",
            ("POST", false) when string.Equals(headers["x-ms-documentdb-is-upsert"], "True", StringComparison.OrdinalIgnoreCase) => "upsert",
            ("POST", false) => "create",
            ("PATCH", true) => "patch",
            _ => null,
        };
    }
}
