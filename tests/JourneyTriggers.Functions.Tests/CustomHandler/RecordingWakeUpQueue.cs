using JourneyTriggers.Azure.TimerQueue;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary><see cref="IWakeUpQueue"/> as a list of what was queued again, with a switch that makes every send fail.</summary>
public sealed class RecordingWakeUpQueue : IWakeUpQueue
{
    readonly Lock gate = new();
    readonly List<(string Text, TimeSpan Delay)> sent = [];

    /// <summary>Set to make every send fail, as an unreachable queue would.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<(string Text, TimeSpan Delay)> Sent { get { lock (gate) return [.. sent]; } }

    public Task SendAsync(string text, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (Failure is { } failure) throw failure;
        lock (gate) sent.Add((text, delay));
        return Task.CompletedTask;
    }
}
