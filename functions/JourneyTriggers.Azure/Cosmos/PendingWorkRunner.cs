using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// Carries out a change's <see cref="PendingWork"/>, all of it at once but its effect batch, written last so that its
/// blob proves the rest done (<see cref="PendingWork.CompletionMarker"/>); any failure fails the whole run, which is safe to repeat.
/// Installation changes run one after another (an upsert then a delete of one device must keep their order),
/// and only where a push provider is configured (<paramref name="installations"/>). Each message is recorded in the
/// outbox and, where its channel has a sender (<paramref name="providers"/>), handed over; where it has none, the outbox is
/// its delivery. A message its provider asks to wait for leaves this work with a wake-up of its own
/// (<see cref="ProviderDelivery"/> queues it), so it holds up neither this save nor the customer's next load.
/// </summary>
internal sealed class PendingWorkRunner(ITimerScheduler timers, IReminderDelivery delivery, BlobEffectLog effects, BlobMetricsStore metrics,
    ProviderDelivery providers, IPushInstallations? installations = null)
{
    /// <summary>Carries out <paramref name="work"/>; the verdicts of its messages that settled, for the customer's timeline.</summary>
    public async Task<IReadOnlyList<DeliveryReport>> RunAsync(ProfileKey key, PendingWork work, CancellationToken cancellationToken)
    {
        var steps = new List<Task>(work.Timers.Count + work.Messages.Count + work.Tallies.Count + 1);
        var sent = new List<Task<DeliveryReport?>>();
        foreach (var timer in work.Timers) steps.Add(timers.ScheduleAsync(key, timer, cancellationToken));
        foreach (var message in work.Messages)
        {
            var recorded = delivery.DeliverAsync(message, cancellationToken);
            sent.Add(providers.Handles(message.Channel)
                ? SendAsync(recorded, message, cancellationToken)
                : KeptAsync(recorded, message));
        }
        foreach (var tally in work.Tallies) steps.Add(metrics.WriteAsync(tally, cancellationToken));
        if (installations is not null && work.Installations.Count > 0) steps.Add(SyncAsync(installations, work.Installations, cancellationToken));
        await Task.WhenAll(steps.Concat(sent));
        if (work.Effects is { } batch) await effects.WriteAsync(batch, cancellationToken);
        return [.. sent.Select(s => s.Result).OfType<DeliveryReport>()];
    }

    /// <summary>
    /// Recorded in the outbox first, so what was asked for is on file whatever the provider says, and so its wake-up finds it
    /// there; null while it waits on the provider.
    /// </summary>
    async Task<DeliveryReport?> SendAsync(Task recorded, OutboundMessage message, CancellationToken cancellationToken)
    {
        await recorded;
        return (await providers.DeliverAsync(message, cancellationToken) as DeliveryAttempt.Settled)?.Report;
    }

    /// <summary>No provider sends this channel: the outbox blob is the delivery, delivered there and then.</summary>
    static async Task<DeliveryReport?> KeptAsync(Task recorded, OutboundMessage message)
    {
        await recorded;
        return DeliveryMachine.Finish(DeliveryProgress.KeptInOutbox(message.At)).ReportFor(message);
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
