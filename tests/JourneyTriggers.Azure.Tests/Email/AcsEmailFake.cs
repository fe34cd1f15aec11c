using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyTriggers.Azure.Email;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure.Tests.Email;

/// <summary>
/// Communication Services Email as its REST reference and the repeatable-requests page describe it, in
/// process on a free loopback port: <c>POST /emails:send</c> answers 202 with Operation-Location, and
/// <c>GET /emails/operations/{id}</c> reports Running until the scripted final status. Every request must
/// authenticate: an HMAC-SHA256 signature recomputed here over verb, path and query, x-ms-date, Host and
/// the body's hash (a wrong signature, hash or a stale date is 401, as ACS answers), or a Bearer token the
/// test issued. Sends carrying Repeatability-Request-ID are tracked for 5 minutes: a repeat replays the
/// first 2xx/4xx answer (409 while the first is in progress), so it never creates a second email.
/// </summary>
internal sealed class AcsEmailFake : IAsyncDisposable
{
    public const string ApiVersion = "2025-09-01";
    static readonly TimeSpan TrackedFor = TimeSpan.FromMinutes(5);
    static readonly TimeSpan DateTolerance = TimeSpan.FromMinutes(15);

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, Tracked> tracked = new();
    readonly ConcurrentDictionary<string, Operation> operations = new();
    readonly ConcurrentQueue<SendScript> script = new();
    readonly ConcurrentQueue<ReceivedEmail> emails = new();
    readonly ConcurrentQueue<string> rejections = new();
    int sendRequests;
    int statusReads;

    AcsEmailFake(WebApplication app, X509Certificate2? certificate)
    {
        this.app = app;
        Certificate = certificate;
    }

    /// <summary>The resource's access key (random per fake), as a connection string's accesskey= would carry it.</summary>
    public string AccessKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Bearer tokens this fake accepts, as if Entra ID had issued them for the resource.</summary>
    public ConcurrentBag<string> AcceptedTokens { get; } = [];

    public Uri Endpoint { get; private set; } = null!;

    public X509Certificate2? Certificate { get; }

    /// <summary>What a new send meets when nothing is scripted.</summary>
    public SendScript Default { get; set; } = new SendScript.Accept();

    /// <summary>The retry-after (seconds) of a Running status.</summary>
    public int PollRetryAfterSeconds { get; set; } = 1;

    /// <summary>Emails the service took: what a recipient would get.</summary>
    public IReadOnlyList<ReceivedEmail> Emails => [.. emails];

    /// <summary>Why requests were refused authentication.</summary>
    public IReadOnlyList<string> Rejections => [.. rejections];

    public int SendRequests => sendRequests;

    public int StatusReads => statusReads;

    public string ConnectionString => $"endpoint={Endpoint};accesskey={AccessKey}";

    /// <summary>What the next new sends meet, in order.</summary>
    public void Then(params SendScript[] steps)
    {
        foreach (var step in steps) script.Enqueue(step);
    }

    public static async Task<AcsEmailFake> StartAsync(bool https = false)
    {
        var certificate = https ? SelfSigned() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        var fake = new AcsEmailFake(app, certificate);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await ReadBodyAsync(request);
        if (Authenticate(context, body) is { } denied)
        {
            rejections.Enqueue(denied);
            await ErrorAsync(context.Response, 401, "Denied", denied);
            return;
        }
        if (request.Query["api-version"] != ApiVersion)
        {
            await ErrorAsync(context.Response, 400, "InvalidApiVersion", $"api-version must be {ApiVersion}.");
            return;
        }
        if (request.Method == HttpMethods.Post && request.Path == "/emails:send")
            await SendAsync(context, body);
        else if (request.Method == HttpMethods.Get && request.Path.StartsWithSegments("/emails/operations", out var rest) && rest.Value!.Length > 1)
            await StatusAsync(context, rest.Value[1..]);
        else
            await ErrorAsync(context.Response, 404, "NotFound", "No such resource.");
    }

    string? Authenticate(HttpContext context, byte[] body)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return AcceptedTokens.Contains(authorization["Bearer ".Length..]) ? null : "unknown bearer token";
        const string prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal)) return "no HMAC-SHA256 or Bearer authorization";
        var dateText = context.Request.Headers["x-ms-date"].ToString();
        if (!DateTimeOffset.TryParseExact(dateText, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return "x-ms-date missing or not an RFC 1123 date";
        if ((DateTimeOffset.UtcNow - date).Duration() > DateTolerance) return "x-ms-date is stale";
        var contentHash = context.Request.Headers["x-ms-content-sha256"].ToString();
        if (contentHash != Convert.ToBase64String(SHA256.HashData(body))) return "x-ms-content-sha256 does not match the body";
        var pathAndQuery = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var expected = Signature(context.Request.Method, pathAndQuery, dateText, context.Request.Host.Value!, contentHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization[prefix.Length..]))
            ? null
            : "signature mismatch";
    }

    /// <summary>The documented string to sign, recomputed independently of the client's policy.</summary>
    public string Signature(string verb, string pathAndQuery, string date, string host, string contentHash)
    {
        var stringToSign = $"{verb}\n{pathAndQuery}\n{date};{host};{contentHash}";
        return Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.UTF8.GetBytes(stringToSign)));
    }

    async Task SendAsync(HttpContext context, byte[] body)
    {
        Interlocked.Increment(ref sendRequests);
        var email = Parse(body, context.Request.Headers);
        if (email is null)
        {
            await ErrorAsync(context.Response, 400, "BadRequest", "senderAddress, content.subject and recipients.to[].address are required.");
            return;
        }
        var requestId = context.Request.Headers["Repeatability-Request-ID"].ToString();
        var firstSentText = context.Request.Headers["Repeatability-First-Sent"].ToString();
        Tracked? entry = null;
        if (requestId.Length > 0 || firstSentText.Length > 0)
        {
            if (!Guid.TryParse(requestId, out _)
                || !DateTimeOffset.TryParseExact(firstSentText, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var firstSent))
            {
                await ErrorAsync(context.Response, 400, "BadRequest", "Repeatability-Request-ID must be a GUID and Repeatability-First-Sent an IMF-fixdate.");
                return;
            }
            if (DateTimeOffset.UtcNow - firstSent > TrackedFor)
            {
                await ErrorAsync(context.Response, 412, "PreconditionFailed", "Repeatability-First-Sent is outside the tracked duration.");
                return;
            }
            var bodyHash = Convert.ToBase64String(SHA256.HashData(body));
            entry = new Tracked(bodyHash);
            var existing = tracked.GetOrAdd(requestId, entry);
            if (!ReferenceEquals(existing, entry))
            {
                if (existing.BodyHash != bodyHash)
                    await ErrorAsync(context.Response, 400, "BadRequest", "Repeated request does not match the first one.");
                else if (existing.Answer is not { } answer)
                    await ErrorAsync(context.Response, 409, "Conflict", "The first request with this Repeatability-Request-ID is still in progress.");
                else
                    await ReplayAsync(context.Response, answer);
                return;
            }
        }

        var step = script.TryDequeue(out var next) ? next : Default;
        var answered = await ExecuteAsync(context, step, email);
        if (entry is null) return;
        if (answered is { Status: >= 200 and < 500 and not 429 } keep) entry.Answer = keep;
        else tracked.TryRemove(new KeyValuePair<string, Tracked>(requestId, entry));
    }

    async Task<Answer?> ExecuteAsync(HttpContext context, SendScript step, ReceivedEmail email)
    {
        switch (step)
        {
            case SendScript.Accept accept:
                return await AcceptAsync(context, email, accept);
            case SendScript.Hang hang:
                Answer? taken = null;
                if (hang.TakesEmail) taken = Take(context, email, new SendScript.Accept());
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up; the service's own answer, if any, is still the one a repeat gets.
                }
                return taken;
            case SendScript.Throttle throttle:
                context.Response.Headers.RetryAfter = throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ErrorAsync(context.Response, 429, "TooManyRequests", "Request rate is too high.");
                return null;
            case SendScript.Fail fail:
                await ErrorAsync(context.Response, fail.Status, "ServiceUnavailable", "The service is unavailable.");
                return null;
            case SendScript.Refuse refuse:
                var refused = Error(refuse.Status, refuse.Code, refuse.Message);
                await ReplayAsync(context.Response, refused);
                return refused;
            default:
                throw new InvalidOperationException($"Unknown script step {step}.");
        }
    }

    async Task<Answer> AcceptAsync(HttpContext context, ReceivedEmail email, SendScript.Accept accept)
    {
        var answer = Take(context, email, accept);
        await ReplayAsync(context.Response, answer);
        return answer;
    }

    Answer Take(HttpContext context, ReceivedEmail email, SendScript.Accept accept)
    {
        var operationId = Guid.TryParse(context.Request.Headers["Operation-Id"], out var given) ? given.ToString("D") : Guid.NewGuid().ToString("D");
        operations[operationId] = new Operation(accept);
        emails.Enqueue(email with { OperationId = operationId });
        var location = new Uri(Endpoint, $"emails/operations/{operationId}?api-version={ApiVersion}");
        return new Answer(202, Json(new JsonObject { ["id"] = operationId, ["status"] = "Running" }),
            [("Operation-Location", location.AbsoluteUri), ("retry-after", PollRetryAfterSeconds.ToString(CultureInfo.InvariantCulture))]);
    }

    async Task StatusAsync(HttpContext context, string operationId)
    {
        Interlocked.Increment(ref statusReads);
        if (!operations.TryGetValue(operationId, out var operation))
        {
            await ErrorAsync(context.Response, 404, "NotFound", $"Operation {operationId} not found.");
            return;
        }
        var result = new JsonObject { ["id"] = operationId };
        List<(string, string)> headers = [];
        if (Interlocked.Decrement(ref operation.RunningReadsLeft) >= 0)
        {
            result["status"] = "Running";
            headers.Add(("retry-after", PollRetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            result["status"] = operation.Script.Final;
            if (operation.Script.ErrorCode is { } code)
                result["error"] = new JsonObject { ["code"] = code, ["message"] = operation.Script.ErrorMessage };
        }
        await ReplayAsync(context.Response, new Answer(200, Json(result), headers));
    }

    static ReceivedEmail? Parse(byte[] body, IHeaderDictionary headers)
    {
        try
        {
            var root = JsonNode.Parse(body);
            var sender = root?["senderAddress"]?.GetValue<string>();
            var subject = root?["content"]?["subject"]?.GetValue<string>();
            var to = root?["recipients"]?["to"]?.AsArray().Select(r => r?["address"]?.GetValue<string>()).ToList();
            if (sender is null || subject is null || to is not { Count: > 0 } || to.Any(a => a is null)) return null;
            var emailHeaders = root!["headers"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
            return new ReceivedEmail(sender, [.. to!], subject, root["content"]?["plainText"]?.GetValue<string>(),
                root["content"]?["html"]?.GetValue<string>(), emailHeaders, headers["Repeatability-Request-ID"].ToString(), "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    static Answer Error(int status, string code, string message) =>
        new(status, Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }), [("x-ms-error-code", code)]);

    static Task ErrorAsync(HttpResponse response, int status, string code, string message) => ReplayAsync(response, Error(status, code, message));

    static async Task ReplayAsync(HttpResponse response, Answer answer)
    {
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers) response.Headers[name] = value;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(answer.Body);
    }

    static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate?.Dispose();
    }

    sealed class Tracked(string bodyHash)
    {
        public string BodyHash { get; } = bodyHash;
        public volatile Answer? Answer;
    }

    sealed class Operation(SendScript.Accept script)
    {
        public SendScript.Accept Script { get; } = script;
        public int RunningReadsLeft = script.RunningReads;
    }

    sealed record Answer(int Status, byte[] Body, IReadOnlyList<(string Name, string Value)> Headers);
}

/// <summary>What the fake does with one new send.</summary>
internal abstract record SendScript
{
    /// <summary>202; the status then reads Running <paramref name="RunningReads"/> times, then <paramref name="Final"/>.</summary>
    public sealed record Accept(int RunningReads = 1, string Final = "Succeeded", string? ErrorCode = null, string? ErrorMessage = null) : SendScript;

    /// <summary>Never answers; with <paramref name="TakesEmail"/> the service has taken the email all the same.</summary>
    public sealed record Hang(bool TakesEmail) : SendScript;

    public sealed record Throttle(int RetryAfterSeconds) : SendScript;

    public sealed record Fail(int Status) : SendScript;

    public sealed record Refuse(int Status, string Code, string Message) : SendScript;
}

/// <summary>One email the fake service took.</summary>
internal sealed record ReceivedEmail(
    string Sender, IReadOnlyList<string> To, string Subject, string? PlainText, string? Html,
    IReadOnlyDictionary<string, string> Headers, string RepeatabilityRequestId, string OperationId);
