using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.GuardRails;

/// <summary>
/// The frequency cap across all triggers: rolling windows (t − 24 h, t] and (t − 7 × 24 h, t] over
/// the sent-message ledger, holdout stand-ins included so treated and holdout customers take the same path.
/// </summary>
public static class FrequencyCapping
{
    static readonly Duration Day = Duration.FromDays(1);
    static readonly Duration Week = Duration.FromDays(7);

    public static bool Allows(FrequencyCap cap, SentMessageLedger ledger, Instant now) =>
        (cap.PerDay is not { } perDay || ledger.CountWithin(now, Day) < perDay) &&
        (cap.PerWeek is not { } perWeek || ledger.CountWithin(now, Week) < perWeek);
}
