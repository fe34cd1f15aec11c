using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// Carries out a change's <see cref="PendingWork"/>, all of it at once; any failure fails the whole run, which is safe to repeat.
/// Installation changes run one after another (an upsert then a delete of one device must keep their order),
/// and only where a push provider is configured (<paramref name="installations"/>).
/// </summary>
internal sealed class PendingWorkRunner(ITimerScheduler timers, IReminderDelivery delivery, BlobEffectLog effects, BlobMetricsStore metrics, IPushInstallations? installations = null)
{
    public async Task RunAsync(ProfileKey key, PendingWork work, CancellationToken cancellationToken)
    {
        var steps = new List<Task>(work.Timers.Count + work.Messages.Count + 1);
        foreach (var timer in work.Timers) steps.Add(timers.ScheduleAsync(key, timer, cancellationToken));
        foreach (var message in work.Messages) steps.Add(delivery.DeliverAsync(message, cancellationToken));
        if (work.Effects is { } batch) steps.Add(effects.WriteAsync(batch, cancellationToken));
        foreach (var tally in work.Tallies) steps.Add(metrics.WriteAsync(tally, cancellationToken));
        if (installations is not null && work.Installations.Count > 0) steps.Add(SyncAsync(installations, work.Installations, cancellationToken));
        await Task.WhenAll(steps);
    }

    static async Task SyncAsync(IPushInstallations installations, IReadOnlyList<InstallationSync> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var done = change switch
            {
                InstallationSync.Upsert upsert => installations.UpsertAsync(upsert.Customer, upsert.Installation, cancellationToken),
                InstallationSync.Delete delete => installations.DeleteAsync(delete.InstallationId, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(changes), change, "Unknown installation change."),
            };
            await done;
        }
    }
}
