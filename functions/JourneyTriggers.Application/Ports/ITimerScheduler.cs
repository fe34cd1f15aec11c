using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Sends the wake-up call of a durable timer (DESIGN 4.5). Only the customer document decides whether a
/// wake-up still means anything, so a scheduler may deliver one early, late or twice, never not at all.
/// </summary>
public interface ITimerScheduler
{
    Task ScheduleAsync(ProfileKey key, TimerDue timer, CancellationToken cancellationToken = default);
}
