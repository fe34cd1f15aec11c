using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Load, decide, save — conditionally on the version loaded, deciding again from a fresh load when
/// another writer got there first. Rendering happens before the save, so a reminder is persisted
/// together with the decision to send it.
/// </summary>
public sealed class CustomerUpdates(ICustomerStore store, IReminderComposer composer)
{
    public const int MaxAttempts = 8;

    /// <summary>
    /// Applies <paramref name="decide"/> to the customer's current state and saves the result, with one
    /// read per attempt. <paramref name="decide"/> may return null to save nothing (a tombstone the caller
    /// routes elsewhere, say); without <paramref name="createIfMissing"/> a missing document is left
    /// missing. Either way the answer is null.
    /// </summary>
    public Task<Decision?> UpdateAsync(ProfileKey key, Func<CustomerState, Decision?> decide, TimerDue? completedTimer,
        CancellationToken cancellationToken, bool createIfMissing = true) =>
        UpdateAsync(key, state => decide(state) is { } decision ? new RecordedDecision(decision, MetricsTally.Empty) : null,
            completedTimer, cancellationToken, createIfMissing);

    /// <summary>As above, for a decision that counts metric facts: they are saved with it, in the same write.</summary>
    public async Task<Decision?> UpdateAsync(ProfileKey key, Func<CustomerState, RecordedDecision?> decide, TimerDue? completedTimer,
        CancellationToken cancellationToken, bool createIfMissing = true)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.FindAsync(key, cancellationToken);
            if (stored is null && !createIfMissing) return null;
            var state = stored?.State ?? CustomerState.New(key.Owner);
            if (decide(state) is not var (decision, metrics)) return null;
            if (ReferenceEquals(decision.State, state) && decision.Effects.Count == 0 && completedTimer is null && metrics.IsEmpty) return decision;
            var change = new CustomerChange(key, decision.State, stored?.ETag, decision.Effects, Compose(decision), completedTimer, metrics)
            {
                Installations = InstallationSync.Between(key, stored?.State, decision.State),
            };
            if (!await store.TrySaveAsync(change, cancellationToken)) continue;
            DecisionMetrics.Saved(decision.Effects);
            return decision;
        }
        throw new CustomerContentionException(key, MaxAttempts);
    }

    public Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken) => store.FindAsync(key, cancellationToken);

    IReadOnlyList<OutboundMessage> Compose(Decision decision)
    {
        List<OutboundMessage>? messages = null;
        foreach (var effect in decision.Effects)
            if (effect is SendReminder reminder) (messages ??= []).Add(composer.Compose(decision.State, reminder));
        return messages ?? (IReadOnlyList<OutboundMessage>)[];
    }
}
