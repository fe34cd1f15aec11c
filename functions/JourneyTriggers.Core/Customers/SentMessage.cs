using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// One entry of the sent-message ledger: a reminder sent, or a holdout stand-in for one. Frequency
/// caps count these and conversions are credited to them.
/// </summary>
public sealed record SentMessage(Instant At, StepPath Path, Channel Channel, string MessageId, bool Holdout, Duration AttributionWindow);
