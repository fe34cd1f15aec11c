using NodaTime;

namespace JourneyTriggers.Standalone.Timers;

/// <summary>
/// Wakes the sleeping timer pump when a save arms a timer due before the pump planned to look again,
/// so a short delay is not stretched to the pump's polling interval.
/// </summary>
public sealed class TimerSignal
{
    readonly Lock gate = new();
    TaskCompletionSource? listener;
    long wakeAtTicks = long.MaxValue;

    /// <summary>A save armed a timer due at <paramref name="dueAt"/>.</summary>
    public void Armed(Instant dueAt)
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            if (listener is null || dueAt.ToUnixTimeTicks() >= wakeAtTicks) return;
            wake = listener;
            listener = null;
        }
        wake.TrySetResult();
    }

    /// <summary>
    /// The pump listens before it reads the table, so a timer armed while it reads still wakes it;
    /// until <see cref="SleepingUntil"/> narrows it, any armed timer does.
    /// </summary>
    internal Task Listen()
    {
        lock (gate)
        {
            listener = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wakeAtTicks = long.MaxValue;
            return listener.Task;
        }
    }

    /// <summary>The pump will look again at <paramref name="ticks"/> anyway; only a timer due sooner wakes it.</summary>
    internal void SleepingUntil(long ticks)
    {
        lock (gate) wakeAtTicks = ticks;
    }
}
