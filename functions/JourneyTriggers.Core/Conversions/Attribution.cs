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
            if (entry.At <= orderedAt && orderedAt <= entry.At + entry.AttributionWindow) return entry;
        }
        return null;
    }
}
