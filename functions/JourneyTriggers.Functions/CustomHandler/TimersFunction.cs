using JourneyTriggers.Azure.Cosmos;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.TimerQueue;
using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// <c>POST /Timers</c>: one wake-up from the timer queue (DESIGN 4.5, protocol doc §6.5), for a journey's timer, for a
/// reminder whose provider asked to wait, or for an erasure's second sweep. 200 consumes the message: it fired, was stale,
/// its customer is gone, it can never be read (then it is dead-lettered first), or it failed for a reason that passes and
/// was queued again for later (<see cref="WakeUpRetries"/>). 500 only when that could not be done, or after the last
/// retry: the queue re-delivers it, and after maxDequeueCount moves it to the poison queue.
/// </summary>
internal sealed class TimersFunction(TimerProcessing timers, DeferredDeliveries deliveries, CosmosCustomerStore customers, IWakeUpQueue queue, HostClock clock,
    IDeadLetterStore deadLetters, ILogger<TimersFunction> logger)
{
    public const string Name = "Timers";
    const string Source = "timers";
    const string Binding = "timer";

    public async Task<IResult> InvokeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (invocation, problem) = await Invocation.ReadAsync(request, cancellationToken);
        // Data.timer is the message text wrapped in a JSON string literal (§3.2); unwrapped, it is our message.
        var text = invocation?.Data(Binding) is { } value ? HostValues.Text(value) ?? HostValues.Unwrap(value).GetRawText() : null;
        var details = Details(invocation);
        var wakeUp = text is null ? new WakeUpParseResult.Malformed(problem ?? $"The invocation has no Data.{Binding}.") : WakeUpMessage.Parse(text);
        if (wakeUp is WakeUpParseResult.Malformed malformed)
            return await DeadLetterAsync(malformed.Problem, text is null ? invocation?.Raw ?? Encoding.UTF8.GetBytes(problem!) : Encoding.UTF8.GetBytes(text), details, cancellationToken);

        try
        {
            return InvocationAnswer.Done(await RunAsync(wakeUp, cancellationToken));
        }
        catch (Exception e) when (Transient.Is(e))
        {
            CustomHandlerLog.TransientFailure(logger, Name, e.GetType().Name);
            return await RetryLaterAsync(wakeUp, Transient.Describe(e), cancellationToken);
        }
    }

    async Task<IResult> RetryLaterAsync(WakeUpParseResult wakeUp, string failure, CancellationToken cancellationToken)
    {
        if (WakeUpRetries.After(wakeUp) is not { } retry)
            return InvocationAnswer.Transient($"{failure}; retried {WakeUpRetries.Most} times already, so the queue delivers it again after its visibility timeout and then poisons it");
        try
        {
            await queue.SendAsync(retry.Text, retry.Delay, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CustomHandlerLog.TransientFailure(logger, Name, e.GetType().Name);
            return InvocationAnswer.Transient($"{failure}; it could not be queued again ({e.GetType().Name}), so the queue delivers it again after its visibility timeout");
        }
        return InvocationAnswer.Done($"timers: {failure}; queued again to wake in {retry.Delay.TotalMinutes:0} min (retry {retry.Retry} of {WakeUpRetries.Most})");
    }

    async Task<string> RunAsync(WakeUpParseResult wakeUp, CancellationToken cancellationToken)
    {
        if (wakeUp is WakeUpParseResult.DeliveryDue due)
        {
            var delivered = await deliveries.ResumeAsync(due.Key, due.MessageId, cancellationToken);
            return $"timers: reminder {due.MessageId}: {delivered.ToString().ToLowerInvariant()}";
        }
        if (wakeUp is WakeUpParseResult.ErasureSweepDue sweep)
        {
            var removed = await customers.SweepAsync(sweep, cancellationToken);
            return $"timers: erasure sweep: {removed} record(s) removed";
        }
        var (key, timer, _) = (WakeUpParseResult.Parsed)wakeUp;
        var outcome = await timers.FireAsync(key, timer, cancellationToken);
        return $"timers: {timer.Trigger} token {timer.Token}: {outcome.ToString().ToLowerInvariant()}";
    }

    async Task<IResult> DeadLetterAsync(string reason, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken)
    {
        try
        {
            await deadLetters.WriteAsync(new DeadLetter(clock.Now(), Source, reason, body, details), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Failing keeps the message: the queue retries, then the poison queue holds it.
            CustomHandlerLog.TransientFailure(logger, Name, e.GetType().Name);
            return InvocationAnswer.Transient($"A malformed wake-up could not be dead-lettered ({Transient.Describe(e)}); the queue keeps it");
        }
        details.TryGetValue(DeadLetterDetails.MessageId, out var messageId);
        CustomHandlerLog.WakeUpMalformed(logger, messageId);
        return InvocationAnswer.Done("timers: a malformed wake-up was dead-lettered: " + reason);
    }

    /// <summary>Which queue message it was, so the dead letter can be matched to the queue's own records.</summary>
    static Dictionary<string, string> Details(Invocation? invocation)
    {
        var details = new Dictionary<string, string>();
        if (HostValues.Text(invocation?.Metadata("Id")) is { } id) details[DeadLetterDetails.MessageId] = id;
        if (HostValues.Text(invocation?.Metadata("DequeueCount")) is { } count) details[DeadLetterDetails.DequeueCount] = count;
        return details;
    }
}
