using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Delivery;

/// <summary>
/// Turns a provider's verdict into the customer's own record of it: the outcome effect for the timeline
/// and the effect log, and installations the provider has forgotten removed from the profile.
/// </summary>
internal static class DeliveryOutcomes
{
    /// <summary>
    /// The outcome effect, or null when one was recorded for this message already (a report repeated after a crash): the
    /// ledger says so, also for a send a merged visitor made, and the timeline for a send the ledger has let go.
    /// </summary>
    public static Effect? Outcome(CustomerState state, DeliveryReport report, Instant now)
    {
        var sent = state.Ledger.Find(report.MessageId);
        if (sent is { OutcomeRecorded: true }) return null;
        foreach (var recorded in state.Timeline)
            if (MessageIdOf(recorded) == report.MessageId) return null;
        // The send's full path (branch and variant) from the ledger; the bare step once the ledger has let it go.
        var path = sent?.Path ?? new StepPath(report.Trigger, report.Step, null, null);
        return report.Verdict switch
        {
            DeliveryVerdict.Delivered d => new RecordDelivered(now, state.Identity, path, report.Channel, report.MessageId, d.ProviderMessageId),
            DeliveryVerdict.Failed f => new RecordDeliveryFailed(now, state.Identity, path, report.Channel, report.MessageId, f.Reason),
            DeliveryVerdict.Unknown u => new RecordDeliveryUnknown(now, state.Identity, path, report.Channel, report.MessageId, u.Reason),
            _ => throw new ArgumentException($"Unknown delivery verdict {report.Verdict.GetType().Name}.", nameof(report)),
        };
    }

    public static CustomerProfile WithoutGone(CustomerProfile profile, IReadOnlyList<string> gone)
    {
        foreach (var installationId in gone) profile = profile.Unregister(installationId);
        return profile;
    }

    static string? MessageIdOf(Effect effect) => effect switch
    {
        RecordDelivered e => e.MessageId,
        RecordDeliveryFailed e => e.MessageId,
        RecordDeliveryUnknown e => e.MessageId,
        _ => null,
    };
}
