using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// One entry of the sent-message ledger: a reminder sent, or a holdout stand-in for one. Frequency
/// caps count these and conversions are credited to them. <paramref name="OutcomeRecorded"/> says the provider's
/// verdict on it is on the timeline: the ledger moves with a merge where the timeline does not, so a verdict repeated
/// after a merge is still known as recorded. <paramref name="Converted"/> says an order was credited to its journey
/// already: a journey converts once, however many orders its reminders' windows credit (the conversion rate is converted
/// ÷ abandoned journeys, DESIGN 4.7). <paramref name="JourneyStartedAt"/> tells which run of its trigger sent it, so the
/// first conversion marks the run's every reminder; null in entries written before it was kept.
/// </summary>
public sealed record SentMessage(Instant At, StepPath Path, Channel Channel, string MessageId, bool Holdout, Duration AttributionWindow,
    bool OutcomeRecorded = false, bool Converted = false, Instant? JourneyStartedAt = null)
{
    /// <summary>Whether <paramref name="other"/> is this send or another of the same journey run (its trigger and start).</summary>
    public bool SameRunAs(SentMessage other) =>
        other.MessageId == MessageId || (JourneyStartedAt is { } started && other.JourneyStartedAt == started && other.Path.Trigger == Path.Trigger);
}
