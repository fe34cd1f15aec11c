using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// One decision to persist, all or nothing: the new state, the effects it produced (timers to arm
/// among them), the reminders rendered for delivery, the wake-up it consumed, and the tally of its
/// metric facts (no personal data: counters by day and journey dimensions only). A store that
/// cannot write all of these atomically must keep the undone part in the document until done.
/// </summary>
public sealed record CustomerChange(
    ProfileKey Key,
    CustomerState State,
    string? ExpectedETag,
    IReadOnlyList<Effect> Effects,
    IReadOnlyList<OutboundMessage> Messages,
    TimerDue? CompletedTimer = null,
    MetricsTally? Metrics = null)
{
    /// <summary>The push installations to create, re-address or remove at the provider once this change is saved.</summary>
    public IReadOnlyList<InstallationSync> Installations { get; init; } = [];
}
