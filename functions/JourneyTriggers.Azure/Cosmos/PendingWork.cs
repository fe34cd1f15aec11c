using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// What a saved change still has to do outside its document: wake-ups to enqueue, reminders to hand
/// over, effects to log, metric tallies to add. Cosmos DB has no transaction across services, so this rides in the document
/// (field <c>pending</c>) with the state it belongs to and is carried out after the save. Work with messages
/// is then removed by a second write, which also records the delivery verdicts; work without is marked done
/// by its effect batch blob, written last (<see cref="CompletionMarker"/>), and the next save replaces it, so
/// a save costs one write. A crash in between leaves it for the next load to finish. Every part is idempotent: a
/// wake-up sent twice is stale the second time, messages, effect batches and tally blobs are created only if absent.
/// </summary>
internal sealed record PendingWork(IReadOnlyList<TimerDue> Timers, IReadOnlyList<OutboundMessage> Messages, EffectBatch? Effects, IReadOnlyList<TallyBlob> Tallies)
{
    public static readonly PendingWork None = new([], [], null, []);

    /// <summary>Push installations to write to or remove from the provider; idempotent, in order.</summary>
    public IReadOnlyList<InstallationSync> Installations { get; init; } = [];

    /// <summary>
    /// The blob whose presence says this work is done, for work without messages: those need the clearing
    /// write to record their verdicts. Null for work saved before markers existed, which is cleared as before.
    /// </summary>
    public EffectBatch? CompletionMarker => Messages.Count == 0 ? Effects : null;

    public bool IsEmpty => Timers.Count == 0 && Messages.Count == 0 && Effects is null && Tallies.Count == 0 && Installations.Count == 0;

    /// <remarks>
    /// The consumed wake-up (<see cref="CustomerChange.CompletedTimer"/>) is not work here: the queue
    /// message is deleted by the Functions host when the invocation succeeds.
    /// </remarks>
    public static PendingWork Of(CustomerChange change, Instant savedAt)
    {
        var work = new PendingWork(
            change.Effects.OfType<ArmTimer>().Select(t => new TimerDue(t.Trigger, t.Token, t.DueAt)).ToList(),
            change.Messages,
            EffectBatch.For(change.Key, change.Effects, savedAt),
            TallyBlob.For(change.Metrics, savedAt))
        {
            Installations = change.Installations,
        };
        return work.IsEmpty || work.Messages.Count > 0 || work.Effects is not null ? work : work with { Effects = EffectBatch.Marker(change.Key, savedAt) };
    }
}
