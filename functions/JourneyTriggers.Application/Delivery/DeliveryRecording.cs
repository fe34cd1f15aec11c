using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// Writes a provider's verdict into the customer's document and effect log (load, record, save), for
/// a host whose deliveries run apart from its saves, with its metric facts (delivered, failed, unknown)
/// in the same write. Repeating it is harmless: the engine records a message's outcome once, so a
/// repeat has no effect to count. A visitor merged since the send lives on under the known id, whose ledger took the
/// send with the merge: the verdict is recorded there. An erased customer has nothing left to record it on.
/// </summary>
public sealed class DeliveryRecording(JourneyEngine engine, CustomerUpdates customers, CustomerLocks locks, HostClock clock)
{
    readonly MetricFacts facts = new(engine.Configuration);

    public async Task RecordAsync(ProfileKey key, DeliveryReport report, CancellationToken cancellationToken)
    {
        // One lock at a time: the known customer's is taken after the visitor's is let go.
        if (await RecordOnAsync(key, report, cancellationToken) is { } known && key.IsAnonymous)
            await RecordOnAsync(ProfileKey.ForCustomer(known), report, cancellationToken);
    }

    /// <returns>The known id <paramref name="key"/> was merged into, when it was (nothing recorded); else null.</returns>
    async Task<string?> RecordOnAsync(ProfileKey key, DeliveryReport report, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        var now = clock.Now();
        string? mergedInto = null;
        await customers.UpdateAsync(key, state =>
        {
            if (state.MergedInto is { } known)
            {
                mergedInto = known;
                return null;
            }
            var recorded = JourneyEngine.RecordDelivery(state, report, now);
            var metrics = new MetricsTallyBuilder();
            facts.OfEffects(recorded.Effects, metrics);
            return new RecordedDecision(recorded, metrics.ToTally());
        }, null, cancellationToken, createIfMissing: false);
        return mergedInto;
    }
}
