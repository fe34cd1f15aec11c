using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Tests.Support;

/// <summary>An event as the fake hub stored it: its body bytes, partition key and application properties.</summary>
public sealed record StoredEvent(byte[] Body, string? PartitionKey, IReadOnlyDictionary<string, string> UserProperties)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>What the fake hub answers to the next request instead of storing it (a delay longer than the client's per-try timeout is a timeout).</summary>
public sealed record PlannedAnswer(int Status, string? RetryAfter = null, TimeSpan Delay = default);

/// <summary>
/// An in-process Event Hubs endpoint speaking the REST API's "Send batch events" as documented: <c>POST
/// /{hub}/messages?timeout=60&amp;api-version=2014-01</c>, Content-Type <c>application/vnd.microsoft.servicebus.json</c>,
/// a JSON array of <c>{"Body", "BrokerProperties", "UserProperties"}</c>, 201 on success and an
/// <c>&lt;Error&gt;&lt;Code/&gt;&lt;Detail/&gt;&lt;/Error&gt;</c> body otherwise. It checks authorisation as the service does: a
/// shared access signature (rule name, expiry, an <c>sr</c> that the request URI starts with, and the HMAC-SHA256
/// recomputed with the rule's key) or a Bearer token it was told to accept. A batch lands in one partition,
/// so its events must share one partition key. Kestrel on a loopback port; plain HTTP.
/// </summary>
public sealed class FakeEventHub : IAsyncDisposable
{
    public const string KeyName = "send-only";
    public const string Key = "c2VjcmV0LWtleS1vZi10aGUtZmFrZS1odWItZm9yLXRlc3Rz";

    readonly WebApplication app;
    readonly ConcurrentQueue<PlannedAnswer> planned = new();
    readonly List<(string? PartitionKey, IReadOnlyList<StoredEvent> Events)> batches = [];
    int attempts;

    public string HubName { get; }
    public Uri Endpoint { get; private set; } = null!;
    public HashSet<string> AcceptedBearerTokens { get; } = [];

    /// <summary>The hub's clock, against which signatures expire: a test host's manual clock, when it signs with one.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The largest request body taken; a larger one is answered 413, as the service answers a batch over its limit.</summary>
    public int MaxBatchBytes { get; set; } = 1_048_576;

    /// <summary>Every request that reached the hub, stored or not.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public IReadOnlyList<(string? PartitionKey, IReadOnlyList<StoredEvent> Events)> Batches
    {
        get { lock (batches) return [.. batches]; }
    }

    public IReadOnlyList<StoredEvent> Events => [.. Batches.SelectMany(b => b.Events)];

    /// <summary>Reasons the hub refused authorisation, newest last: what a test asserts after a 401.</summary>
    public ConcurrentQueue<string> AuthFailures { get; } = new();

    FakeEventHub(WebApplication app, string hubName)
    {
        this.app = app;
        HubName = hubName;
    }

    public static async Task<FakeEventHub> StartAsync(string hubName = "touchpoints")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var hub = new FakeEventHub(app, hubName);
        app.MapPost("/{hub}/messages", hub.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        hub.Endpoint = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return hub;
    }

    /// <summary>The next requests get these answers, in order; afterwards the hub stores batches again.</summary>
    public void Plan(params PlannedAnswer[] answers)
    {
        foreach (var answer in answers) planned.Enqueue(answer);
    }

    /// <summary>A local connection string for this hub, with the rule's key (or another key, to be refused).</summary>
    public string ConnectionString(string key = Key, string keyName = KeyName) =>
        $"Endpoint={Endpoint};SharedAccessKeyName={keyName};SharedAccessKey={key};EntityPath={HubName}";

    async Task<IResult> ReceiveAsync(HttpContext context, string hub)
    {
        Interlocked.Increment(ref attempts);
        var request = context.Request;
        if (hub != HubName) return Error(404, "NotFound", $"The messaging entity '{hub}' could not be found.");
        if (request.Query["api-version"] != "2014-01") return Error(400, "BadRequest", "The api-version query parameter is missing or not 2014-01.");
        if (Authorise(request) is { } refusal)
        {
            AuthFailures.Enqueue(refusal);
            return Error(401, "401", "InvalidSignature: " + refusal);
        }
        if (planned.TryDequeue(out var answer))
        {
            if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, CancellationToken.None);
            if (answer.RetryAfter is { } retryAfter) context.Response.Headers.RetryAfter = retryAfter;
            return Error(answer.Status, answer.Status switch { 503 => "ServerBusy", 429 => "Throttled", 403 => "Forbidden", _ => "InternalError" },
                $"Planned answer {answer.Status}. TrackingId:fake-{Attempts}");
        }
        if (request.ContentType != "application/vnd.microsoft.servicebus.json")
            return Error(400, "BadRequest", $"A batch needs Content-Type application/vnd.microsoft.servicebus.json, not '{request.ContentType}'.");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (body.Length > MaxBatchBytes) return Error(413, "MessageSizeExceeded", $"The received message (delivery-id:0, size:{body.Length} bytes) exceeds the limit ({MaxBatchBytes} bytes).");
        var (events, problem) = Parse(body.ToArray());
        if (events is null) return Error(400, "BadRequest", problem!);
        var keys = events.Select(e => e.PartitionKey).Distinct().ToList();
        if (keys.Count > 1) return Error(400, "BadRequest", "All events of a batch must have the same partition key.");
        lock (batches) batches.Add((keys[0], events));
        return Results.StatusCode(201);
    }

    string? Authorise(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
            return AcceptedBearerTokens.Contains(header["Bearer ".Length..]) ? null : "the Bearer token is not one this hub accepts";
        if (!header.StartsWith("SharedAccessSignature ", StringComparison.Ordinal)) return "no SharedAccessSignature or Bearer authorization";
        var fields = header["SharedAccessSignature ".Length..].Split('&')
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn))
            return "sr, sig, se and skn are all required";
        if (WebUtility.UrlDecode(skn) != KeyName) return "no such shared access rule";
        if (!long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || DateTimeOffset.FromUnixTimeSeconds(expiry) <= Now())
            return "the token has expired";
        var resource = WebUtility.UrlDecode(sr);
        var requested = $"{request.Scheme}://{request.Host}{request.Path}".ToLowerInvariant();
        if (!requested.StartsWith(resource, StringComparison.Ordinal) || resource != resource.ToLowerInvariant())
            return $"the token is for '{resource}', not for '{requested}'";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(sr + "\n" + se)));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(WebUtility.UrlDecode(sig)))
            ? null
            : "the signature does not match";
    }

    static (IReadOnlyList<StoredEvent>? Events, string? Problem) Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
                return (null, "The batch must be a non-empty JSON array.");
            var events = new List<StoredEvent>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("Body", out var text) || text.ValueKind != JsonValueKind.String)
                    return (null, "Every event of a batch is an object with a string Body.");
                string? key = null;
                if (item.TryGetProperty("BrokerProperties", out var broker))
                    key = broker.TryGetProperty("PartitionKey", out var k) ? k.GetString() : null;
                var properties = item.TryGetProperty("UserProperties", out var user)
                    ? user.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                    : [];
                events.Add(new StoredEvent(Encoding.UTF8.GetBytes(text.GetString()!), key, properties));
            }
            return (events, null);
        }
        catch (JsonException e)
        {
            return (null, "The batch is not JSON: " + e.Message);
        }
    }

    static IResult Error(int status, string code, string detail) =>
        Results.Content($"<Error><Code>{code}</Code><Detail>{WebUtility.HtmlEncode(detail)}</Detail></Error>", "application/xml; charset=utf-8", Encoding.UTF8, status);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
