using JourneyTriggers.Azure.ServiceBus;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// Publishes events to one event hub with the REST API's "Send batch events"
/// (<c>POST https://{namespace}/{hub}/messages?timeout=60&amp;api-version=2014-01</c>, body
/// <c>application/vnd.microsoft.servicebus.json</c>), on one Azure.Core pipeline: exponential back-off with
/// jitter, the service's <c>Retry-After</c> on 429 and 503 (ServerBusy), a per-try timeout, cancellation. Signs
/// in with Entra ID (scope <c>https://eventhubs.azure.net/.default</c>) or a shared access key.
/// <para>
/// A retried batch may already have been stored by the try that timed out, so an event can reach the hub twice.
/// Our events are touchpoints whose ids the engine deduplicates, so that costs nothing.
/// </para>
/// </summary>
public class EventHubsRestProducer
{
    const string ContentType = "application/vnd.microsoft.servicebus.json";
    public const string Scope = "https://eventhubs.azure.net/.default";

    readonly HttpPipeline pipeline = null!;
    readonly Uri messagesUri = null!;
    readonly EventHubsProducerOptions options = null!;

    /// <summary>For mocking.</summary>
    protected EventHubsRestProducer()
    {
    }

    /// <param name="endpoint"><c>https://{namespace}.servicebus.windows.net/</c>.</param>
    public EventHubsRestProducer(Uri endpoint, string hubName, TokenCredential credential, EventHubsProducerOptions? options = null)
        : this(endpoint, hubName, options, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), Scope))
    {
    }

    /// <summary>How long a signed token lives; the policy renews it in its last quarter.</summary>
    static readonly TimeSpan SasTokenLifetime = TimeSpan.FromHours(1);

    /// <param name="credential">The shared access rule's name and key (Send rights on the hub or its namespace).</param>
    public EventHubsRestProducer(Uri endpoint, string hubName, AzureNamedKeyCredential credential, EventHubsProducerOptions? options = null, TimeProvider? time = null)
        : this(endpoint, hubName, options, new SharedAccessSignaturePolicy(credential ?? throw new ArgumentNullException(nameof(credential)), HubUri(endpoint, hubName), SasTokenLifetime, time))
    {
    }

    EventHubsRestProducer(Uri endpoint, string hubName, EventHubsProducerOptions? options, HttpPipelinePolicy authentication)
    {
        this.options = options ?? new EventHubsProducerOptions();
        HubName = hubName;
        messagesUri = new Uri(HubUri(endpoint, hubName).AbsoluteUri + "/messages?timeout=60&api-version=" + this.options.ApiVersion);
        pipeline = HttpPipelineBuilder.Build(this.options, perCallPolicies: [], perRetryPolicies: [authentication], new ResponseClassifier());
    }

    public virtual string HubName { get; } = "";

    /// <summary>
    /// Sends the events, one batch request per partition key (several when a key's events exceed
    /// <see cref="EventHubsProducerOptions.MaxBatchBytes"/>), each key's batches in order. Returns when every
    /// batch was stored (201).
    /// </summary>
    /// <returns>The number of batch requests sent.</returns>
    /// <exception cref="RequestFailedException">
    /// A batch was refused or the hub did not answer after the retries: the status (0 when no answer came), the
    /// service's error code and detail. Batches of other keys may have been stored by then.
    /// </exception>
    public virtual async Task<Response<int>> SendAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var plan = EventBatches.Plan(events, options.MaxBatchBytes);
        Response? last = null;
        var sent = 0;
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentPartitionKeys, CancellationToken = cancellationToken },
            async (batches, ct) =>
            {
                foreach (var batch in batches)
                {
                    last = await SendBatchAsync(batch, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref sent);
                }
            }).ConfigureAwait(false);
        return Response.FromValue(sent, last!);
    }

    async Task<Response> SendBatchAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(messagesUri);
        request.Headers.SetValue(HttpHeader.Names.ContentType, ContentType);
        request.Content = RequestContent.Create(batch.Json);
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AggregateException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Every try timed out or failed in transport: Azure.Core gives up with these; callers get one typed failure.
            throw new RequestFailedException(0, $"Event Hubs did not answer for hub '{HubName}' after {options.Retry.MaxRetries + 1} tries " +
                $"of {options.Retry.NetworkTimeout.TotalSeconds:0} s each: {e.Innermost().Message}", "NoAnswer", e);
        }
        catch (AuthenticationFailedException e)
        {
            // The managed identity (or the developer's sign-in) gave no token: nothing was sent.
            throw new RequestFailedException(401, $"No Entra ID token for Event Hubs (hub '{HubName}'): {e.Message.Split('\n', 2)[0]}", "NoToken", e);
        }
        var response = message.Response;
        if (response.Status == 201) return response;
        throw EventHubsFailure.From(response, HubName, batch.Count);
    }

    static Uri HubUri(Uri endpoint, string hubName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        return new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/" + Uri.EscapeDataString(hubName));
    }
}
