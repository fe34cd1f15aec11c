using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Conversions;

/// <summary>
/// Which reminder an order is credited to: the customer's last reminder (or holdout stand-in), of any
/// trigger, whose attribution window [sent, sent + window] contains the order's timestamp.
/// </summary>
public static class Attribution
{
    public static SentMessage? CreditFor(SentMessageLedger ledger, Instant orderedAt)
    {
        for (var i = ledger.Entries.Length - 1; i >= 0; i--)
        {
            var entry = ledger.Entries[i];
            if (Holds(entry, orderedAt)) return entry;
        }
        return null;
    }

    /// <summary>
    /// <see cref="CreditFor(SentMessageLedger, Instant)"/> for an order placed before <paramref name="now"/> and credited only now
    /// (by a merge): among the reminders the ledger still needs at <paramref name="now"/>, whether or not it has let go of the rest yet,
    /// so the answer does not hang on when the ledger last recorded a send.
    /// </summary>
    public static SentMessage? CreditFor(SentMessageLedger ledger, Instant orderedAt, Instant now)
    {
        for (var i = ledger.Entries.Length - 1; i >= 0; i--)
        {
            var entry = ledger.Entries[i];
            if (Holds(entry, orderedAt) && SentMessageLedger.IsStillUseful(entry, now)) return entry;
        }
        return null;
    }

    static bool Holds(SentMessage entry, Instant orderedAt) => entry.At <= orderedAt && orderedAt <= entry.At + entry.AttributionWindow;
}
