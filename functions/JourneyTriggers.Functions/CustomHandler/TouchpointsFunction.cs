using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.EventHubs;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Http.Ingestion;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// <c>POST /Touchpoints</c>: an Event Hubs batch (DESIGN 4.2, protocol doc §6.4). A bad event is dead-lettered
/// with its raw bytes, reason and place in the hub, and costs only itself: the batch answers 200. Only a
/// transient failure of what the whole batch needs answers 500, so the retry policy delivers it again; on the
/// last attempt what still fails is dead-lettered instead, since the host checkpoints past it anyway.
/// </summary>
internal sealed class TouchpointsFunction(EventIntake intake, HostClock clock, IDeadLetterStore deadLetters, ILogger<TouchpointsFunction> logger)
{
    public const string Name = "Touchpoints";
    const string Source = "touchpoints";
    const string Binding = "events";

    public async Task<IResult> InvokeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (invocation, problem) = await Invocation.ReadAsync(request, cancellationToken);
        if (invocation is null) return await Unreadable(problem!, null, cancellationToken);
        var (batch, batchProblem) = EventHubBatch.Read(invocation, Binding);
        if (batch is null) return await Unreadable(batchProblem!, invocation.Raw, cancellationToken);

        var final = RetryAttempt.IsFinal(invocation);
        var work = Read(batch);
        IReadOnlyList<EventResult> results;
        try
        {
            results = (await intake.ProcessAsync(work.Readings, "eventhub", cancellationToken)).Results;
        }
        catch (Exception e) when (Transient.Is(e))
        {
            CustomHandlerLog.TransientFailure(logger, Name, e.GetType().Name);
            if (!final) return InvocationAnswer.Transient($"{Transient.Describe(e)}; partition {batch.PartitionId}, {batch.Range} will be delivered again");
            results = await IngestOneByOneAsync(work.Readings, cancellationToken);
        }

        var letters = work.Empty.Select(e => Letter(e, "The event holds no touchpoint: its body is empty.")).ToList();
        foreach (var failed in results.Where(r => r.Status == EventStatus.Rejected).GroupBy(r => work.Owners[r.Index]))
            letters.Add(Letter(batch.Events[failed.Key], string.Join("; ", failed.Select(r => Reason(r, work, failed.Key)))));
        try
        {
            foreach (var letter in letters) await deadLetters.WriteAsync(letter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Now nothing keeps these events: if this is the last attempt, the host checkpoints past them.
            CustomHandlerLog.DeadLetteringFailed(logger, batch.PartitionId, batch.Range, final, e.GetType().Name);
            return InvocationAnswer.Transient($"Dead letters could not be written ({Transient.Describe(e)}); partition {batch.PartitionId}, {batch.Range}");
        }
        var accepted = results.Count(r => r.Status == EventStatus.Accepted);
        var duplicates = results.Count(r => r.Status == EventStatus.Duplicate);
        return InvocationAnswer.Done(
            $"touchpoints: partition {batch.PartitionId}, {batch.Range}: {batch.Events.Count} received, {accepted} accepted, " +
            $"{duplicates} duplicate{(duplicates == 1 ? "" : "s")}, {letters.Count} dead-lettered");
    }

    /// <summary>
    /// Each event read as a body (one touchpoint, or an array or NDJSON of them), against the host's clock: as native
    /// JSON when our collector published it, else in whichever format it is.
    /// </summary>
    Work Read(EventHubBatch batch)
    {
        var now = clock.Now();
        var readings = new List<TouchpointReading>();
        var owners = new List<int>();
        var empty = new List<HubEvent>();
        foreach (var hubEvent in batch.Events)
        {
            // A producer's own event arrived when the hub took it: a Segment call's clock is corrected against that, not
            // against when this batch happens to be read (lag, a redelivery).
            var read = NativeTouchpointProperty.IsMarked(hubEvent.Properties)
                ? TouchpointNormaliser.ReadNativeBody(hubEvent.Body.Span, now)
                : TouchpointNormaliser.ReadBody(hubEvent.Body.Span, EnqueuedAt(hubEvent) ?? now);
            if (read.Count == 0) empty.Add(hubEvent);
            readings.AddRange(read);
            owners.AddRange(read.Select(_ => hubEvent.Index));
        }
        return new Work(readings, owners, empty);
    }

    static Instant? EnqueuedAt(HubEvent hubEvent) =>
        hubEvent.Location.TryGetValue(DeadLetterDetails.EnqueuedTime, out var text) && InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : null;

    /// <summary>
    /// The last attempt after a batch-wide transient failure: each touchpoint on its own, so only the customers
    /// still failing are given up on. Safe to repeat: what the earlier attempts applied comes back a duplicate.
    /// </summary>
    async Task<IReadOnlyList<EventResult>> IngestOneByOneAsync(IReadOnlyList<TouchpointReading> readings, CancellationToken cancellationToken)
    {
        var results = new EventResult[readings.Count];
        for (var i = 0; i < readings.Count; i++)
        {
            try
            {
                results[i] = (await intake.ProcessAsync([readings[i]], "eventhub", cancellationToken)).Results[0] with { Index = i };
            }
            catch (Exception e) when (Transient.Is(e))
            {
                var id = readings[i] is TouchpointReading.Accepted accepted ? accepted.Touchpoint.Id.Value : null;
                results[i] = new EventResult(i, id, EventStatus.Rejected, $"Not processed on the last retry of the batch: {Transient.Describe(e)}");
            }
        }
        return results;
    }

    /// <summary>A body holding several touchpoints names which one each reason is about.</summary>
    static string Reason(EventResult result, Work work, int owner)
    {
        var first = work.Owners.IndexOf(owner);
        var several = work.Owners.Count(o => o == owner) > 1;
        return several ? $"touchpoint [{result.Index - first}]: {result.Reason}" : result.Reason ?? "rejected";
    }

    DeadLetter Letter(HubEvent hubEvent, string reason) => new(clock.Now(), Source, reason, hubEvent.Body, hubEvent.Location);

    /// <summary>An invocation we cannot read at all: a retry would read it no better, so it is kept whole.</summary>
    async Task<IResult> Unreadable(string problem, ReadOnlyMemory<byte>? raw, CancellationToken cancellationToken)
    {
        try
        {
            await deadLetters.WriteAsync(new DeadLetter(clock.Now(), Source, problem, raw ?? Encoding.UTF8.GetBytes(problem), new Dictionary<string, string>()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CustomHandlerLog.DeadLetteringFailed(logger, null, "an unreadable invocation", false, e.GetType().Name);
            return InvocationAnswer.Transient($"Dead letters could not be written ({Transient.Describe(e)})");
        }
        return InvocationAnswer.Done("touchpoints: an unreadable invocation was dead-lettered: " + problem);
    }

    /// <summary>The batch's touchpoints, which event each came from, and the events that held none.</summary>
    sealed record Work(List<TouchpointReading> Readings, List<int> Owners, List<HubEvent> Empty);
}
