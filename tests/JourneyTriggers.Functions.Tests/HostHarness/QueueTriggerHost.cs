using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// The queue trigger's listener, as the Storage Queues extension runs it (azure-sdk-for-net
/// sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Common/src/Shared/Queues/QueueListener.cs and
/// QueueProcessor.cs; protocol doc §3.2 and §5.2), against a real queue:
/// <list type="bullet">
/// <item>receive up to <c>batchSize</c> visible messages, each leased for 10 minutes, and invoke them concurrently;</item>
/// <item>a message that does not Base64-decode, or whose dequeue count is already over <c>maxDequeueCount</c>, is
/// poisoned without an invocation;</item>
/// <item>success deletes the message; failure at <c>maxDequeueCount</c> copies it unchanged to <c>&lt;queue&gt;-poison</c>
/// and deletes it; any other failure makes it visible again after <c>visibilityTimeout</c>.</item>
/// </list>
/// The host backs off polling an empty queue up to <c>maxPollingInterval</c> (1 min by default); this polls every
/// 100 ms, which changes only how soon a visible message is seen, never whether or how often.
/// </summary>
/// <param name="queue">The trigger's queue, read without decoding (the host decodes Base64 itself).</param>
/// <param name="poison">The queue named <c>&lt;queue&gt;-poison</c> in the same account.</param>
internal sealed class QueueTriggerHost(FunctionDefinition function, QueuesSettings settings, QueueClient queue, QueueClient poison, HostInvoker invoker)
{
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The poison queue, read without decoding: what an operator would find there.</summary>
    public QueueClient PoisonQueue => poison;

    /// <summary>Every invocation: message id, dequeue count, outcome.</summary>
    public ConcurrentQueue<QueueInvocation> Invocations { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, Lease, cancellationToken)).Value;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (messages.Length == 0)
            {
                try
                {
                    await Task.Delay(Poll, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            try
            {
                await Task.WhenAll(messages.Select(m => ProcessAsync(m, cancellationToken)));
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or HttpRequestException)
            {
                // The host is stopping: messages in flight keep their lease and come back after it, as with a real host.
                return;
            }
        }
    }

    async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            // The extension's default QueueMessageEncoding is Base64 (QueuesOptions.MessageEncoding).
            text = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(message.MessageText));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            await PoisonAsync(message, cancellationToken);
            return;
        }
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await PoisonAsync(message, cancellationToken);
            return;
        }

        var outcome = await invoker.InvokeAsync(function.Name,
            new JsonObject { [function.BindingName] = HostInvoker.Wrapped(text) }, Metadata(message, text), cancellationToken);
        Invocations.Enqueue(new QueueInvocation(message.MessageId, message.DequeueCount, text, outcome));
        if (outcome.Succeeded) await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        else if (message.DequeueCount >= settings.MaxDequeueCount) await PoisonAsync(message, cancellationToken);
        else await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken);
    }

    /// <summary><c>QueueProcessor.CopyMessageToPoisonQueueAsync</c>: the body as it was, the poison queue created on first use.</summary>
    async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(message.MessageText, cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    /// <summary>
    /// <c>QueueTriggerBinding.CreateBindingData</c> after the host's transformations (protocol doc §3.2): the message's
    /// properties, then every top-level property of a JSON body promoted by <c>Utility.ApplyBindingData</c>.
    /// </summary>
    static JsonObject Metadata(QueueMessage message, string text)
    {
        var metadata = new JsonObject
        {
            ["DequeueCount"] = HostInvoker.Wrapped(message.DequeueCount),
            ["ExpirationTime"] = Seconds(message.ExpiresOn ?? DateTimeOffset.MaxValue),
            ["Id"] = HostInvoker.Wrapped(message.MessageId),
            ["InsertionTime"] = Seconds(message.InsertedOn ?? DateTimeOffset.UtcNow),
            ["NextVisibleTime"] = Seconds(message.NextVisibleOn ?? DateTimeOffset.UtcNow + Lease),
            ["PopReceipt"] = HostInvoker.Wrapped(message.PopReceipt),
        };
        BindingData.PromoteInto(metadata, text);
        return metadata;
    }

    /// <summary>A DateTimeOffset after <c>DateTimeOffset.Parse(value.ToString())</c>: whole seconds.</summary>
    static string Seconds(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture);
}

internal sealed record QueueInvocation(string MessageId, long DequeueCount, string Body, InvocationOutcome Outcome);
