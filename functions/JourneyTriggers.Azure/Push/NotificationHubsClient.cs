using JourneyTriggers.Azure.ServiceBus;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// One notification hub over its REST API (the Microsoft.Azure.NotificationHubs package is not in our
/// registry): sends to one installation, and the Installations API. Every call goes through one
/// Azure.Core pipeline (exponential back-off with jitter, <c>Retry-After</c>, a per-try timeout,
/// cancellation, allow-listed logging) signed by <see cref="SharedAccessSignaturePolicy"/>. A non-success
/// answer is a <see cref="RequestFailedException"/> with the status and the service's code and detail.
/// <para>
/// Retries differ by call. Installation calls are idempotent and retry every transient failure. A send
/// is not deduplicated by the service, so it retries only what provably did not reach it (see
/// <see cref="SendCallClassifier"/>): at most once beats twice on a customer's lock screen.
/// </para>
/// </summary>
public class NotificationHubsClient
{
    readonly HttpPipeline pipeline;
    readonly Uri hubUri;
    readonly string apiVersion;
    readonly ResponseClassifier idempotent;
    readonly ResponseClassifier send;

    /// <summary>For mocking.</summary>
    protected NotificationHubsClient()
    {
        pipeline = null!;
        hubUri = null!;
        apiVersion = null!;
        idempotent = null!;
        send = null!;
    }

    /// <param name="endpoint">The namespace, <c>https://{namespace}.servicebus.windows.net/</c>.</param>
    /// <param name="hubName">The notification hub in that namespace.</param>
    /// <param name="credential">The shared access rule's name and key (Listen and Send rights).</param>
    public NotificationHubsClient(Uri endpoint, string hubName, AzureNamedKeyCredential credential)
        : this(endpoint, hubName, credential, new NotificationHubsClientOptions())
    {
    }

    public NotificationHubsClient(Uri endpoint, string hubName, AzureNamedKeyCredential credential, NotificationHubsClientOptions options)
        : this(endpoint, hubName, credential, options, TimeProvider.System)
    {
    }

    internal NotificationHubsClient(Uri endpoint, string hubName, AzureNamedKeyCredential credential, NotificationHubsClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        if (!endpoint.IsAbsoluteUri) throw new ArgumentException("The namespace endpoint must be an absolute URI.", nameof(endpoint));
        hubUri = new Uri(new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/"), Uri.EscapeDataString(hubName));
        apiVersion = options.Version;
        idempotent = new IdempotentCallClassifier(options.MaxRetryAfterWait);
        send = new SendCallClassifier(options.MaxRetryAfterWait);
        pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies: [new SharedAccessSignaturePolicy(credential, hubUri, options.SasTokenLifetime, time)],
            idempotent);
    }

    /// <summary>The hub's URI, <c>https://{namespace}.servicebus.windows.net/{hub}</c>.</summary>
    public virtual Uri HubUri => hubUri;

    /// <summary>
    /// Sends <paramref name="notification"/> to one installation, addressed by the tag expression
    /// <c>$InstallationId:{id}</c>, in its platform's native format. The hub answers 201 once it has taken
    /// the notification; the receipt carries its ids.
    /// </summary>
    public virtual async Task<Response<NotificationSendReceipt>> SendAsync(PushNotification notification, string installationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        var payload = NotificationPayload.For(notification);
        using var message = pipeline.CreateMessage(null, send);
        var request = Request(message, RequestMethod.Post, "/messages/");
        request.Headers.SetValue("ServiceBusNotification-Format", payload.Format);
        request.Headers.SetValue("ServiceBusNotification-Tags", "$InstallationId:{" + installationId + "}");
        foreach (var (name, value) in payload.Headers) request.Headers.SetValue(name, value);
        request.Headers.SetValue(HttpHeader.Names.ContentType, payload.ContentType);
        request.Content = RequestContent.Create(payload.Body);
        var response = await SendAsync(message, 201, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(Receipt(response), response);
    }

    /// <summary>Creates the installation, or replaces the one with its id: 200 either way.</summary>
    public virtual async Task<Response> CreateOrReplaceInstallationAsync(NotificationHubsInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentException.ThrowIfNullOrWhiteSpace(installation.InstallationId);
        using var message = pipeline.CreateMessage(null, idempotent);
        var request = Request(message, RequestMethod.Put, InstallationPath(installation.InstallationId));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(InstallationJson.Write(installation));
        return await SendAsync(message, 200, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies JSON Patch operations to an existing installation; 404 when there is none.</summary>
    public virtual async Task<Response> PatchInstallationAsync(string installationId, IEnumerable<InstallationPatch> operations, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        ArgumentNullException.ThrowIfNull(operations);
        using var message = pipeline.CreateMessage(null, idempotent);
        var request = Request(message, RequestMethod.Patch, InstallationPath(installationId));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json-patch+json");
        request.Content = RequestContent.Create(InstallationJson.Write(operations));
        return await SendAsync(message, 200, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the installation. The hub answers 204; an installation it never had may answer 404, which stays an error here.</summary>
    public virtual async Task<Response> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        using var message = pipeline.CreateMessage(null, idempotent);
        Request(message, RequestMethod.Delete, InstallationPath(installationId));
        return await SendAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    public virtual async Task<Response<NotificationHubsInstallation>> GetInstallationAsync(string installationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        using var message = pipeline.CreateMessage(null, idempotent);
        Request(message, RequestMethod.Get, InstallationPath(installationId));
        var response = await SendAsync(message, 200, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(InstallationJson.Read(response.Content), response);
    }

    static string InstallationPath(string installationId) => "/installations/" + Uri.EscapeDataString(installationId);

    Request Request(HttpMessage message, RequestMethod method, string path)
    {
        var request = message.Request;
        request.Method = method;
        var uri = new RequestUriBuilder();
        uri.Reset(hubUri);
        uri.AppendPath(path, escape: false);
        uri.AppendQuery("api-version", apiVersion);
        request.Uri = uri;
        request.Headers.SetValue("x-ms-version", apiVersion);
        return request;
    }

    async Task<Response> SendAsync(HttpMessage message, int success, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != success && (response.Status is < 200 or >= 300))
            throw new RequestFailedException(response, null, NotificationHubsErrorParser.Instance);
        // Callers read what they need from it before the message is disposed, as generated Azure clients do.
        return response;
    }

    /// <summary>Location is <c>https://{namespace}.servicebus.windows.net/{hub}/messages/{notification id}?api-version=…</c>.</summary>
    static NotificationSendReceipt Receipt(Response response)
    {
        string? Header(string name) => response.Headers.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        string? notificationId = null;
        if (Header("Location") is { } location && Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var messages = Array.FindLastIndex(segments, s => s.Equals("messages", StringComparison.OrdinalIgnoreCase));
            if (messages >= 0 && messages + 1 < segments.Length) notificationId = Uri.UnescapeDataString(segments[messages + 1]);
        }
        return new NotificationSendReceipt(notificationId, Header("TrackingId"), Header("x-ms-correlation-request-id"));
    }
}
