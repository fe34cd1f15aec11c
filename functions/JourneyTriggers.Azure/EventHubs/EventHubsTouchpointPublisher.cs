using System.Text;
using Azure;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// The Azure host's <see cref="ITouchpointDestination"/>: the HTTP collector's accepted touchpoints go to the
/// touchpoints hub, and the Touchpoints function processes them from there. Each is sent in its native form
/// (<see cref="NativeTouchpointJson"/>) and marked so (<see cref="NativeTouchpointProperty"/>), which that function
/// reads back as the very touchpoint validated here,
/// under the partition key of its customer (the anonymous id when there is no customer id), so one customer's
/// events stay in order. An anonymous profile's events and the identify that merges it may use different keys;
/// their order does not matter, because events reaching a merged profile are redirected to the known customer.
/// <para>
/// Duplicates cannot be told here (the customer's document is not read), so an event whose id was seen before
/// is still answered <c>accepted</c>; the Touchpoints function recognises it and ignores it.
/// </para>
/// </summary>
internal sealed class EventHubsTouchpointPublisher(EventHubsRestProducer producer, ILogger<EventHubsTouchpointPublisher> logger) : ITouchpointDestination
{
    /// <summary>What a 503 asks for when the hub itself gave no <c>Retry-After</c>.</summary>
    static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public async Task<IngestReport> ReceiveAsync(IReadOnlyList<TouchpointReading> readings, CancellationToken cancellationToken = default)
    {
        var events = new List<OutgoingEvent>(readings.Count);
        var accepted = new List<EventResult>(readings.Count);
        var results = ReadingsTriage.Split(readings, (i, touchpoint) =>
        {
            accepted.Add(new EventResult(i, touchpoint.Id.Value, EventStatus.Accepted));
            events.Add(new OutgoingEvent(Encoding.UTF8.GetString(NativeTouchpointJson.Serialize(touchpoint)), PartitionKeyOf(touchpoint), NativeTouchpointProperty.Marked));
        });
        foreach (var result in accepted) results[result.Index] = result;
        if (events.Count > 0) await PublishAsync(events, cancellationToken);
        return new IngestReport(results);
    }

    /// <summary>The customer id, else the anonymous id: the key of the profile document the event is decided on.</summary>
    public static string PartitionKeyOf(Touchpoint touchpoint) =>
        touchpoint.Customer.CustomerId ?? touchpoint.Customer.AnonymousId ?? throw new InvalidOperationException("A read touchpoint names a customer.");

    async Task PublishAsync(List<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            var batches = await producer.SendAsync(events, cancellationToken);
            Log.TouchpointsPublished(logger, events.Count, batches.Value, producer.HubName);
        }
        catch (RequestFailedException e)
        {
            Log.PublishFailed(logger, events.Count, producer.HubName, e.Status, e.ErrorCode);
            var retryAfter = RetryAfter(e) ?? DefaultRetryAfter;
            throw new DestinationUnavailableException(
                $"Event Hubs did not take this request's events, so none of them is accepted. {FirstLine(e.Message)} " +
                $"Send the request again in {retryAfter.TotalSeconds:0} s; events that did get through are recognised by their ids.",
                retryAfter, e);
        }
    }

    /// <summary>Azure.Core appends the status, the content and the headers on further lines; the first is the service's answer.</summary>
    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>The hub's hint, capped: a client is not told to stay away for longer than five minutes.</summary>
    static TimeSpan? RetryAfter(RequestFailedException e) =>
        e.GetRawResponse() is { } response && RetryAfterHeader.Of(response, DateTimeOffset.UtcNow) is { } wait && wait > TimeSpan.Zero
            ? TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds, 300))
            : null;
}
