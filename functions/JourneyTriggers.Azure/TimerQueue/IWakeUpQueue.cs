namespace JourneyTriggers.Azure.TimerQueue;

/// <summary>Puts a wake-up message back on the timer queue, invisible for a while (<see cref="WakeUpRetries"/>).</summary>
public interface IWakeUpQueue
{
    Task SendAsync(string text, TimeSpan delay, CancellationToken cancellationToken);
}
