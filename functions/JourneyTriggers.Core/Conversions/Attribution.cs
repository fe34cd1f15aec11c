using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Conversions;

/// <summary>
/// Which reminder an order is credited to: the customer's last reminder (or holdout stand-in), of any
/// trigger, whose attribution window [sent, sent + window] contains the order's timestamp.
/// </summary>
public static class Attribution
{
    /// <param name="stillNeededAt">
    /// For an order credited only later (by a merge): only reminders the ledger still needs then count, whether or not it
    /// has let go of the rest yet, so the answer does not hang on when the ledger last recorded a send.
    /// </param>
    public static SentMessage? CreditFor(SentMessageLedger ledger, Instant orderedAt, Instant? stillNeededAt = null)
    {
        for (var i = ledger.Entries.Length - 1; i >= 0; i--)
        {
            var entry = ledger.Entries[i];
            if (Holds(entry, orderedAt) && (stillNeededAt is not { } now || SentMessageLedger.IsStillUseful(entry, now))) return entry;
        }
        return null;
    }

    static bool Holds(SentMessage entry, Instant orderedAt) => entry.At <= orderedAt && orderedAt <= entry.At + entry.AttributionWindow;
}
