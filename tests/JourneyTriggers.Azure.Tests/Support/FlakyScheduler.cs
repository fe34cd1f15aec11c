using Azure;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>The real scheduler, except that while <see cref="Failing"/> it fails the way an unavailable queue service does.</summary>
internal sealed class FlakyScheduler(ITimerScheduler inner) : ITimerScheduler
{
    public bool Failing { get; set; } = true;

    public Task ScheduleAsync(ProfileKey key, TimerDue timer, CancellationToken cancellationToken = default) =>
        Failing
            ? Task.FromException(new RequestFailedException(503, "The server is busy (simulated).", "ServerBusy", null))
            : inner.ScheduleAsync(key, timer, cancellationToken);
}
