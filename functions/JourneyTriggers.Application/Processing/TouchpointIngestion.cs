using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Takes a batch of read touchpoints (an Event Hubs batch, a batch of the standalone inbox): groups them by
/// customer, and per customer loads once, decides every event in arrival order, and saves once. When this
/// returns, every accepted event's decision is saved.
/// </summary>
public sealed class TouchpointIngestion(JourneyEngine engine, CustomerUpdates customers, CustomerLocks locks, HostClock clock) : ITouchpointDestination
{
    Task<IngestReport> ITouchpointDestination.ReceiveAsync(IReadOnlyList<TouchpointReading> readings, CancellationToken cancellationToken) =>
        IngestAsync(readings, cancellationToken);

    /// <summary>
    /// Customers processed at once; each is sequential inside, so order per customer holds. Enough that their
    /// saves meet in one group commit: a request of 100 events holds up to 100 customers.
    /// </summary>
    const int Parallelism = 32;

    readonly MetricFacts facts = new(engine.Configuration);

    public async Task<IngestReport> IngestAsync(IReadOnlyList<TouchpointReading> readings, CancellationToken cancellationToken)
    {
        using var activity = Instrumentation.Source.StartActivity("decide touchpoints");
        activity?.SetTag("journeytriggers.touchpoints", readings.Count);
        var now = clock.Now();
        var groups = new Dictionary<ProfileKey, List<(int Index, Touchpoint Touchpoint)>>();
        var results = ReadingsTriage.Split(readings, (i, touchpoint) =>
        {
            var key = ProfileRouting.OwnerOf(touchpoint).Profile;
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
            group.Add((i, touchpoint));
        });
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (group, ct) => await IngestCustomerAsync(group.Key, group.Value, results, now, ct));
        return new IngestReport(results);
    }

    async Task IngestCustomerAsync(ProfileKey key, List<(int Index, Touchpoint Touchpoint)> events, EventResult[] results, Instant now, CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < events.Count)
        {
            if (ProfileRouting.MergesFrom(events[start].Touchpoint) is { } anonymous)
            {
                await MergeAsync(key, anonymous.Profile, events[start], results, now, cancellationToken);
                start++;
                continue;
            }
            var end = start;
            while (end < events.Count && ProfileRouting.MergesFrom(events[end].Touchpoint) is null) end++;
            await DecideRunAsync(key, events[start..end], results, now, cancellationToken);
            start = end;
        }
    }

    /// <summary>Events for one customer with no merge among them: one load, one save.</summary>
    async Task DecideRunAsync(ProfileKey key, List<(int Index, Touchpoint Touchpoint)> run, EventResult[] results, Instant now, CancellationToken cancellationToken,
        bool followedMerge = false)
    {
        string? mergedInto = null;
        using (await locks.AcquireAsync(key, cancellationToken))
        {
            await customers.UpdateAsync(key, state =>
            {
                // A merged anonymous profile: its events now belong to the known customer.
                if (state.MergedInto is not null)
                {
                    mergedInto = state.MergedInto;
                    return null;
                }
                return DecideRun(state, run, results, now);
            }, null, cancellationToken);
        }
        if (mergedInto is null) return;
        // Only anonymous profiles are merged, and only into known ones, which never are: a second hop is a damaged
        // document, and following it could go round for ever. The failure sends these events to the dead letters.
        if (followedMerge)
            throw new InvalidOperationException("A merged profile points at another merged profile; its events were not decided.");
        await DecideRunAsync(ProfileKey.ForCustomer(mergedInto), run, results, now, cancellationToken, followedMerge: true);
    }

    /// <summary>Decides a run of events in arrival order; a duplicate is reported and otherwise ignored.</summary>
    RecordedDecision DecideRun(CustomerState state, List<(int Index, Touchpoint Touchpoint)> run, EventResult[] results, Instant now)
    {
        var effects = new List<Core.Effects.Effect>();
        var metrics = new MetricsTallyBuilder();
        foreach (var (index, touchpoint) in run)
        {
            var duplicate = state.Seen.Contains(touchpoint.Id);
            results[index] = new EventResult(index, touchpoint.Id.Value, duplicate ? EventStatus.Duplicate : EventStatus.Accepted);
            if (duplicate) continue;
            var decision = engine.Decide(state, touchpoint, now);
            facts.OfTouchpoint(touchpoint, state, decision.State, decision.Effects, metrics);
            state = decision.State;
            effects.AddRange(decision.Effects);
        }
        return new RecordedDecision(new Decision(state, effects), metrics.ToTally());
    }

    /// <summary>
    /// The two-document merge of DESIGN 4.6: the known document first takes the anonymous data, then
    /// the anonymous document becomes a tombstone. Each step is idempotent, so a retry after a crash
    /// between them finishes the job.
    /// </summary>
    async Task MergeAsync(ProfileKey knownKey, ProfileKey anonymousKey, (int Index, Touchpoint Touchpoint) item, EventResult[] results, Instant now, CancellationToken cancellationToken)
    {
        var identified = (CustomerIdentified)item.Touchpoint;
        using var _ = await locks.AcquireAsync(knownKey, anonymousKey, cancellationToken);
        var anonymous = (await customers.FindAsync(anonymousKey, cancellationToken))?.State ?? CustomerState.New(anonymousKey.Owner);
        MergeDecision? merge = null;
        await customers.UpdateAsync(knownKey, known =>
        {
            results[item.Index] = new EventResult(item.Index, identified.Id.Value, known.Seen.Contains(identified.Id) ? EventStatus.Duplicate : EventStatus.Accepted);
            merge = engine.Merge(known, anonymous, identified, now);
            var metrics = new MetricsTallyBuilder();
            facts.OfMerge(identified, known, anonymous, merge.Known, merge.Effects, metrics);
            return new RecordedDecision(new Decision(merge.Known, merge.Effects), metrics.ToTally());
        }, null, cancellationToken);
        if (anonymous.MergedInto is null)
            await customers.UpdateAsync(anonymousKey, current => current.MergedInto is null
                ? new Decision(merge!.Anonymous with { Identity = current.Identity }, [])
                : new Decision(current, []), null, cancellationToken);
    }
}
