using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>Carries out a change's <see cref="PendingWork"/>, all of it at once; any failure fails the whole run, which is safe to repeat.</summary>
internal sealed class PendingWorkRunner(ITimerScheduler timers, IReminderDelivery delivery, BlobEffectLog effects, BlobMetricsStore metrics)
{
    public async Task RunAsync(ProfileKey key, PendingWork work, CancellationToken cancellationToken)
    {
        var steps = new List<Task>(work.Timers.Count + work.Messages.Count + 1);
        foreach (var timer in work.Timers) steps.Add(timers.ScheduleAsync(key, timer, cancellationToken));
        foreach (var message in work.Messages) steps.Add(delivery.DeliverAsync(message, cancellationToken));
        if (work.Effects is { } batch) steps.Add(effects.WriteAsync(batch, cancellationToken));
        foreach (var tally in work.Tallies) steps.Add(metrics.WriteAsync(tally, cancellationToken));
        await Task.WhenAll(steps);
    }
}
