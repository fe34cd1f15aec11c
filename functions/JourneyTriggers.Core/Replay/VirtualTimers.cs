using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Core.Replay;

/// <summary>
/// The replay's timer queue: wake-ups come out by due instant, and those due at the same instant in
/// the order they were armed.
/// </summary>
internal sealed class VirtualTimers
{
    readonly PriorityQueue<(ProfileKey Profile, TimerDue Timer), (Instant Due, long Sequence)> queue = new();
    long sequence;

    public int Count => queue.Count;

    public void Arm(ProfileKey profile, TimerDue timer) => queue.Enqueue((profile, timer), (timer.DueAt, sequence++));

    public bool TryTakeDue(Instant upTo, out ProfileKey profile, out TimerDue timer)
    {
        if (queue.TryPeek(out var entry, out var priority) && priority.Due <= upTo)
        {
            queue.Dequeue();
            (profile, timer) = entry;
            return true;
        }
        profile = default;
        timer = default;
        return false;
    }
}
