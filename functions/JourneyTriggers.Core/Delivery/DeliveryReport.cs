using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Core.Delivery;

/// <summary>
/// What the shell learned from the provider about the reminder <see cref="MessageId"/>: its verdict,
/// and the push installations the provider no longer knows (to be forgotten whatever the verdict).
/// <see cref="Trigger"/> and <see cref="Step"/> name the step when the ledger no longer holds the send.
/// </summary>
public sealed record DeliveryReport(
    string MessageId,
    Channel Channel,
    string Trigger,
    int Step,
    DeliveryVerdict Verdict,
    IReadOnlyList<string> GoneInstallations);
