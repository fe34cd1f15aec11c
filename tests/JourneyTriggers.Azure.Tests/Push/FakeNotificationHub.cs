using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure.Tests.Push;

/// <summary>
/// An in-process Notification Hubs namespace on a loopback HTTPS port, speaking the documented REST API:
/// <c>POST /{hub}/messages/</c> (tag sends, <c>ServiceBusNotification-Tags</c>; direct sends,
/// <c>?direct</c> with <c>ServiceBusNotification-DeviceHandle</c>) answering 201 with <c>Location</c> and
/// <c>TrackingId</c>, and <c>PUT/PATCH/DELETE/GET /{hub}/installations/{id}</c> on an in-memory store.
/// Every request must carry a valid SAS token: a known key name, a signature recomputed with that key
/// over the URL-encoded resource and the expiry, an expiry in the future, and a resource URI the
/// request's URL falls under; otherwise 401, as the service answers. Errors come as the service's
/// <c>&lt;Error&gt;&lt;Code/&gt;&lt;Detail/&gt;&lt;/Error&gt;</c>. Tests script failures per operation.
/// </summary>
internal sealed class FakeNotificationHub : IAsyncDisposable
{
    public const string KeyName = "JourneyTriggersSend";
    public const string HubName = "journey-hub";

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, JsonObject> installations = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<Fault> sendFaults = new();
    readonly ConcurrentQueue<Fault> installationFaults = new();
    readonly ConcurrentQueue<ReceivedSend> sends = new();
    readonly ConcurrentQueue<string> rejections = new();
    int requests;

    FakeNotificationHub(WebApplication app, X509Certificate2 certificate, string key)
    {
        this.app = app;
        Certificate = certificate;
        Key = key;
    }

    public string Key { get; }

    public X509Certificate2 Certificate { get; }

    public Uri Endpoint => new(app.Urls.First().TrimEnd('/') + "/");

    public IReadOnlyCollection<ReceivedSend> Sends => sends;

    /// <summary>Why requests were refused with 401 (the authentication checks that failed).</summary>
    public IReadOnlyCollection<string> Rejections => rejections;

    public int Requests => Volatile.Read(ref requests);

    public IReadOnlyDictionary<string, JsonObject> Installations => installations;

    /// <summary>The next sends answer these, in order, before the hub goes back to accepting.</summary>
    public void FailSends(params Fault[] faults)
    {
        foreach (var fault in faults) sendFaults.Enqueue(fault);
    }

    public void FailInstallationCalls(params Fault[] faults)
    {
        foreach (var fault in faults) installationFaults.Enqueue(fault);
    }

    /// <summary>As the hub does when the platform reports the device's channel dead.</summary>
    public void ExpireChannel(string installationId) => installations[installationId]["expiredPushChannel"] = true;

    public void Seed(string installationId, string platform, string pushChannel, params string[] tags) =>
        installations[installationId] = new JsonObject
        {
            ["installationId"] = installationId,
            ["platform"] = platform,
            ["pushChannel"] = pushChannel,
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
        };

    public string ConnectionString => $"Endpoint=sb://{Endpoint.Authority}/;SharedAccessKeyName={KeyName};SharedAccessKey={Key}";

    /// <summary>
    /// Over TLS by default, as the service is; <paramref name="https"/> false serves plain HTTP on loopback for a
    /// child process (the end-to-end tests), which cannot be made to trust this self-signed certificate.
    /// </summary>
    public static async Task<FakeNotificationHub> StartAsync(bool https = true)
    {
        var certificate = SelfSignedLoopbackCertificate();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        var hub = new FakeNotificationHub(app, certificate, key);
        app.Run(hub.HandleAsync);
        await app.StartAsync();
        return hub;
    }

    async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        var request = context.Request;
        if (Authenticate(request) is { } refusal)
        {
            rejections.Enqueue(refusal);
            await ErrorAsync(context, 401, $"MissingToken: {refusal}");
            return;
        }
        if (request.Query["api-version"] is not [{ } version] || string.CompareOrdinal(version, "2015-01") < 0)
        {
            await ErrorAsync(context, 400, "The api-version query parameter is missing or not supported.");
            return;
        }
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !segments[0].Equals(HubName, StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, 404, "No such hub.");
            return;
        }
        switch (segments[1], segments.Length, request.Method)
        {
            case ("messages", 2, "POST"):
                await SendAsync(context);
                break;
            case ("installations", 3, _):
                await InstallationAsync(context, Uri.UnescapeDataString(segments[2]));
                break;
            default:
                await ErrorAsync(context, 404, $"No {request.Method} at {request.Path}.");
                break;
        }
    }

    /// <summary>The documented SAS checks; the reason for refusing, or null when the token is good.</summary>
    string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "SharedAccessSignature ";
        if (!header.StartsWith(Scheme, StringComparison.Ordinal)) return "no SharedAccessSignature token";
        var fields = header[Scheme.Length..].Split('&')
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("sr", out var encodedResource) || !fields.TryGetValue("sig", out var signature)
            || !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var keyName))
            return "the token lacks sr, sig, se or skn";
        if (Uri.UnescapeDataString(keyName) != KeyName) return "unknown key name";
        if (!long.TryParse(expiry, out var expiresAt) || expiresAt <= DateTimeOffset.UtcNow.ToUnixTimeSeconds()) return "the token has expired";
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry));
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64OrEmpty(Uri.UnescapeDataString(signature)))) return "the signature does not match";
        var resource = Uri.UnescapeDataString(encodedResource).ToLowerInvariant().TrimEnd('/');
        var url = $"{request.Scheme}://{request.Host}{request.Path}".ToLowerInvariant();
        if (!(url == resource || url.StartsWith(resource + "/", StringComparison.Ordinal))) return $"the token's resource does not cover {request.Path}";
        return null;
    }

    static byte[] Base64OrEmpty(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    async Task SendAsync(HttpContext context)
    {
        var request = context.Request;
        if (sendFaults.TryDequeue(out var fault))
        {
            await fault.ApplyAsync(context);
            return;
        }
        var format = request.Headers["ServiceBusNotification-Format"].ToString();
        if (format is not ("apple" or "fcmv1" or "windows" or "gcm" or "adm" or "baidu" or "browser" or "xiaomi" or "template"))
        {
            await ErrorAsync(context, 400, $"Unknown ServiceBusNotification-Format '{format}'.");
            return;
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var direct = request.Query.ContainsKey("direct");
        var target = direct ? request.Headers["ServiceBusNotification-DeviceHandle"].ToString() : request.Headers["ServiceBusNotification-Tags"].ToString();
        if (target.Length == 0)
        {
            await ErrorAsync(context, 400, direct ? "A direct send needs ServiceBusNotification-DeviceHandle." : "This fake takes tag sends only (ServiceBusNotification-Tags).");
            return;
        }
        if (PayloadProblem(format, request.ContentType, body.ToArray()) is { } problem)
        {
            await ErrorAsync(context, 400, problem);
            return;
        }
        var notificationId = Guid.NewGuid().ToString("N");
        sends.Enqueue(new ReceivedSend(format, target, direct, request.ContentType ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), notificationId));
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"{Endpoint}{HubName}/messages/{notificationId}?api-version=2020-06";
        context.Response.Headers["TrackingId"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-correlation-request-id"] = Guid.NewGuid().ToString();
    }

    /// <summary>What the platform would refuse: JSON that does not parse, XML that is not a toast.</summary>
    static string? PayloadProblem(string format, string? contentType, byte[] body)
    {
        try
        {
            if (format == "windows")
            {
                if (contentType is null || !contentType.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase)) return "A windows notification must be application/xml.";
                return System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(body)).Root?.Name.LocalName is "toast" or "tile" or "badge" or "raw" ? null : "Not a WNS payload.";
            }
            if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)) return $"A {format} notification must be application/json.";
            using var _ = JsonDocument.Parse(body);
            return null;
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
            return $"The notification body is malformed: {e.Message}";
        }
    }

    async Task InstallationAsync(HttpContext context, string installationId)
    {
        var request = context.Request;
        if (installationFaults.TryDequeue(out var fault))
        {
            await fault.ApplyAsync(context);
            return;
        }
        switch (request.Method)
        {
            case "PUT":
                var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
                if (body?["installationId"]?.GetValue<string>() != installationId || body["platform"] is null || body["pushChannel"] is null)
                {
                    await ErrorAsync(context, 400, "An installation needs installationId (matching the URL), platform and pushChannel.");
                    return;
                }
                body["lastUpdate"] = DateTimeOffset.UtcNow.ToString("O");
                installations[installationId] = body;
                context.Response.StatusCode = 200;
                break;
            case "PATCH":
                if (!installations.TryGetValue(installationId, out var existing))
                {
                    await ErrorAsync(context, 404, "Installation not found.");
                    return;
                }
                if (await JsonNode.ParseAsync(request.Body) is not JsonArray operations)
                {
                    await ErrorAsync(context, 400, "A JSON Patch document is an array.");
                    return;
                }
                lock (existing)
                {
                    foreach (var operation in operations.OfType<JsonObject>()) Apply(existing, operation);
                }
                context.Response.StatusCode = 200;
                break;
            case "DELETE":
                // The service answers 204 whether or not it had the installation.
                installations.TryRemove(installationId, out _);
                context.Response.StatusCode = 204;
                break;
            case "GET":
                if (!installations.TryGetValue(installationId, out var found))
                {
                    await ErrorAsync(context, 404, "Installation not found.");
                    return;
                }
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(found.ToJsonString());
                break;
            default:
                await ErrorAsync(context, 405, "Method not allowed.");
                break;
        }
    }

    static void Apply(JsonObject installation, JsonObject operation)
    {
        var op = operation["op"]?.GetValue<string>();
        var path = operation["path"]?.GetValue<string>()?.TrimStart('/') ?? "";
        var value = operation["value"]?.DeepClone();
        var name = char.ToLowerInvariant(path[0]) + path[1..];
        switch (op, name)
        {
            case ("add", "tags"):
                var tags = installation["tags"] as JsonArray ?? [];
                installation["tags"] = tags;
                if (value is JsonArray many) foreach (var tag in many) tags.Add(tag?.DeepClone());
                else if (!tags.Any(t => t?.GetValue<string>() == value?.GetValue<string>())) tags.Add(value);
                break;
            case ("add" or "replace", _):
                installation[name] = value;
                break;
            case ("remove", _):
                installation.Remove(name);
                break;
        }
    }

    static async Task ErrorAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        var xml = new System.Xml.Linq.XElement("Error", new System.Xml.Linq.XElement("Code", status), new System.Xml.Linq.XElement("Detail", $"{detail}TrackingId:{Guid.NewGuid()}"));
        await context.Response.WriteAsync(xml.ToString());
    }

    /// <summary>Valid for 127.0.0.1 and localhost, and its own CA, so Node accepts it through NODE_EXTRA_CA_CERTS.</summary>
    static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-notification-hub", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }
}

/// <summary>One notification the hub took.</summary>
internal sealed record ReceivedSend(string Format, string Target, bool Direct, string ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body, string NotificationId);

/// <summary>A scripted answer: a status with the service's error body and an optional Retry-After, or a hang past the client's timeout.</summary>
internal sealed record Fault(int Status, int? RetryAfterSeconds = null, TimeSpan? Hang = null)
{
    public static Fault Throttled(int retryAfterSeconds) => new(429, retryAfterSeconds);
    public static Fault Hangs(TimeSpan time) => new(0, null, time);

    public async Task ApplyAsync(HttpContext context)
    {
        if (Hang is { } hang)
        {
            // The request was read: as far as the client can tell, the service may have acted on it.
            try
            {
                await Task.Delay(hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            context.Response.StatusCode = 201;
            return;
        }
        if (RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.WriteAsync($"<Error><Code>{Status}</Code><Detail>Scripted failure {Status}.TrackingId:{Guid.NewGuid()}</Detail></Error>");
    }
}
