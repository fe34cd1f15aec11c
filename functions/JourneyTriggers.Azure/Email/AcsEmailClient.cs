using Azure;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// The Communication Services Email REST API (<c>POST {endpoint}/emails:send</c>, then
/// <c>GET {endpoint}/emails/operations/{id}</c> until a final status) on one Azure.Core pipeline: retries
/// with exponential back-off and jitter honouring Retry-After, a per-try network timeout, a bound on each
/// whole call, and HMAC access-key or Entra ID authentication. Failures are <see cref="RequestFailedException"/>s
/// carrying the status and the service's error code.
/// </summary>
public class AcsEmailClient
{
    /// <summary>The Entra ID scope of the Communication Services data plane.</summary>
    public const string Scope = "https://communication.azure.com//.default";

    public const string RepeatabilityRequestIdHeader = "Repeatability-Request-ID";
    public const string RepeatabilityFirstSentHeader = "Repeatability-First-Sent";
    public const string OperationIdHeader = "Operation-Id";

    /// <summary>The error code of a call that ran past <see cref="AcsEmailClientOptions.CallTimeout"/>.</summary>
    public const string CallTimeoutErrorCode = "CallTimeout";

    /// <summary>The error code of a call whose every try failed without an answer (connection refused, network timeout).</summary>
    public const string NoAnswerErrorCode = "NoAnswer";

    /// <summary>Key in <see cref="Exception.Data"/> of a failed send: true when some try may have reached the service and been acted on.</summary>
    public const string MayHaveReachedServiceKey = "AcsEmail.MayHaveReachedService";

    /// <summary>Key in <see cref="Exception.Data"/> of a throttled call: the service's Retry-After, a <see cref="TimeSpan"/>.</summary>
    public const string RetryAfterKey = "AcsEmail.RetryAfter";

    readonly Uri endpoint = null!;
    readonly HttpPipeline pipeline = null!;
    readonly AcsEmailClientOptions options = null!;

    /// <summary>For mocking.</summary>
    protected AcsEmailClient() { }

    public AcsEmailClient(Uri endpoint, AzureKeyCredential credential)
        : this(endpoint, credential, new AcsEmailClientOptions()) { }

    public AcsEmailClient(Uri endpoint, AzureKeyCredential credential, AcsEmailClientOptions options)
        : this(endpoint, new AcsHmacAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential))), options) { }

    public AcsEmailClient(Uri endpoint, TokenCredential credential)
        : this(endpoint, credential, new AcsEmailClientOptions()) { }

    public AcsEmailClient(Uri endpoint, TokenCredential credential, AcsEmailClientOptions options)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), Scope), options) { }

    internal AcsEmailClient(Uri endpoint, HttpPipelinePolicy authentication, AcsEmailClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The Email endpoint must be an absolute URL such as https://<resource>.communication.azure.com, not '{endpoint}'.", nameof(endpoint));
        if (options.Diagnostics.IsLoggingContentEnabled)
            throw new ArgumentException("Content logging would write recipient addresses and message bodies into the logs; turn Diagnostics.IsLoggingContentEnabled off.", nameof(options));
        if (options.CallTimeout <= TimeSpan.Zero || options.PollingInterval <= TimeSpan.Zero)
            throw new ArgumentException("CallTimeout and PollingInterval must be positive.", nameof(options));
        this.endpoint = endpoint;
        this.options = options;
        pipeline = HttpPipelineBuilder.Build(options, [], [new ReachLedgerPolicy(), authentication], AcsResponseClassifier.Instance);
    }

    /// <summary>
    /// Queues <paramref name="message"/>. With <see cref="WaitUntil.Started"/> the answer is the accepted
    /// operation (usually NotStarted or Running); with <see cref="WaitUntil.Completed"/> the status is read
    /// until it is final (Succeeded, Failed or Canceled), and a Failed status is an answer, not an exception.
    /// </summary>
    public virtual Task<Response<EmailSendResult>> SendAsync(WaitUntil waitUntil, AcsEmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WithinCallTimeoutAsync("send", async token =>
        {
            var started = await SendOnceAsync(message, token).ConfigureAwait(false);
            return waitUntil == WaitUntil.Completed && !started.Value.Status.IsFinal
                ? await PollAsync(started.Value.Id, token).ConfigureAwait(false)
                : started;
        }, cancellationToken);
    }

    /// <summary>Reads the status of a send operation once.</summary>
    public virtual Task<Response<EmailSendResult>> GetSendResultAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        return WithinCallTimeoutAsync("status read", token => ReadOnceAsync(operationId, token), cancellationToken);
    }

    /// <summary>Reads the status of a send operation until it is final, waiting as long as the service's retry-after asks.</summary>
    public virtual Task<Response<EmailSendResult>> WaitForCompletionAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        return WithinCallTimeoutAsync("status polling", token => PollAsync(operationId, token), cancellationToken);
    }

    /// <summary>Runs one public call under <see cref="AcsEmailClientOptions.CallTimeout"/>; the caller's own cancellation stays cancellation.</summary>
    async Task<Response<EmailSendResult>> WithinCallTimeoutAsync(
        string what, Func<CancellationToken, Task<Response<EmailSendResult>>> call, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.CallTimeout);
        try
        {
            return await call(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && bounded.IsCancellationRequested)
        {
            throw AcsEmailClientResponses.CallTimedOut(what, options.CallTimeout, e);
        }
    }

    async Task<Response<EmailSendResult>> SendOnceAsync(AcsEmailMessage email, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Post, "/emails:send");
        var request = message.Request;
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        if (email.OperationId is { } operationId) request.Headers.SetValue(OperationIdHeader, operationId.ToString("D"));
        if (email.Repeatability is { } repeatable)
        {
            request.Headers.SetValue(RepeatabilityRequestIdHeader, repeatable.RequestId.ToString("D"));
            request.Headers.SetValue(RepeatabilityFirstSentHeader, repeatable.FirstSent.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
        }
        request.Content = RequestContent.Create(AcsEmailJson.Message(email));
        return await ExchangeAsync(message, "send", cancellationToken).ConfigureAwait(false);
    }

    async Task<Response<EmailSendResult>> ReadOnceAsync(string operationId, CancellationToken cancellationToken)
    {
        using var message = Create(RequestMethod.Get, "/emails/operations/", operationId);
        return await ExchangeAsync(message, "status read", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A request to <paramref name="path"/> under the endpoint (then <paramref name="id"/>, escaped), with the api-version.</summary>
    HttpMessage Create(RequestMethod method, string path, string? id = null)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(endpoint);
        request.Uri.AppendPath(path, escape: false);
        if (id is not null) request.Uri.AppendPath(id, escape: true);
        request.Uri.AppendQuery("api-version", options.Version);
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        return message;
    }

    async Task<Response<EmailSendResult>> PollAsync(string operationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await ReadOnceAsync(operationId, cancellationToken).ConfigureAwait(false);
            if (current.Value.Status.IsFinal) return current;
            var wait = AcsEmailClientResponses.RetryAfter(current.GetRawResponse()) ?? options.PollingInterval;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    async Task<Response<EmailSendResult>> ExchangeAsync(HttpMessage message, string what, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AcsEmailClientResponses.NoAnswer(what, e, ReachLedgerPolicy.MayHaveReached(message));
        }
        var response = message.Response;
        if (response.IsError) throw AcsEmailClientResponses.Failure(what, response, ReachLedgerPolicy.MayHaveReached(message));
        return Response.FromValue(AcsEmailJson.Result(response.Content), response);
    }
}
