using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>
/// Every window a customer document keeps, with its bound (DESIGN 4.6: one document per customer,
/// so it must stay small whatever the customer sends).
/// </summary>
internal static class DocumentBounds
{
    /// <summary>Each window's current length and bound, by name.</summary>
    public static IEnumerable<(string Window, int Length, int Bound)> Windows(CustomerState s, int triggers) =>
    [
        ("seen touchpoint ids", s.Seen.Ids.Length, SeenTouchpoints.MaxIds),
        ("sent-message ledger", s.Ledger.Entries.Length, SentMessageLedger.MaxEntries),
        ("decision timeline", s.Timeline.Length, CustomerState.MaxTimeline),
        ("cart lines", s.Cart.Lines.Length, Cart.MaxLines),
        ("push installations", s.Profile.Installations.Length, CustomerProfile.MaxInstallations),
        ("recent order ids", s.Orders.RecentOrderIds.Length, OrderHistory.MaxRecentIds),
        ("uncredited orders", s.Orders.Uncredited.Length, OrderHistory.MaxUncredited),
        ("recently viewed products", s.Browse.RecentProducts.Length, BrowseHistory.MaxRecentProducts),
        ("journey slots", s.Journeys.Length, triggers),
    ];

    /// <summary>What is wrong with the document, if anything: a window past its bound, or a tombstone that kept data.</summary>
    public static IEnumerable<string> Problems(ProfileKey key, CustomerState s, int triggers)
    {
        foreach (var (window, length, bound) in Windows(s, triggers))
            if (length > bound) yield return $"{key}: {window} holds {length}, bound {bound}";
        // A merged profile keeps only the pointer to the customer it went into (CustomerState's contract).
        if (s.MergedInto is not null && (!s.Cart.IsEmpty || !s.Journeys.IsEmpty || !s.Seen.Ids.IsEmpty || !s.Ledger.Entries.IsEmpty || !s.Timeline.IsEmpty))
            yield return $"{key}: merged into {s.MergedInto} but still holds data";
    }
}
