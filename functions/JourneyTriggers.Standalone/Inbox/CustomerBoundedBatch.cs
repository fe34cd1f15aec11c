using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// A crash between a batch's saves and its removal from the inbox replays the batch, and what makes the replay change
/// nothing is each customer's window of seen event ids (<see cref="SeenTouchpoints.MaxIds"/>). So a batch never holds
/// more of one customer's touchpoints than half that window (the other half is margin for what a merge brings in): it
/// ends before the touchpoint that would pass it, and the rest waits for the next batch.
/// </summary>
internal static class CustomerBoundedBatch
{
    public const int MaxPerCustomer = SeenTouchpoints.MaxIds / 2;

    /// <summary>The batch as read, up to the touchpoint that would pass one customer's bound; one that no longer reads counts for no one.</summary>
    public static List<ReadTouchpoint> Cut(List<ReadTouchpoint> batch, int maxPerCustomer = MaxPerCustomer)
    {
        if (batch.Count <= maxPerCustomer) return batch;
        // By the profile's id, not its key: a key would be a new string per anonymous touchpoint on the ingestion path.
        var counts = new Dictionary<(string Id, bool Known), int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Accepted is not { } accepted) continue;
            var who = accepted.Touchpoint.Customer;
            var profile = who.CustomerId is { } known ? (known, true) : (who.AnonymousId!, false);
            var count = counts.GetValueOrDefault(profile) + 1;
            if (count > maxPerCustomer) return batch.GetRange(0, i);
            counts[profile] = count;
        }
        return batch;
    }
}

/// <summary>A queued touchpoint read back: <see cref="Accepted"/> when it still reads as one touchpoint, else what reading it gave.</summary>
internal sealed record ReadTouchpoint(QueuedTouchpoint Queued, IReadOnlyList<TouchpointReading> Read)
{
    public TouchpointReading.Accepted? Accepted => Read is [TouchpointReading.Accepted accepted] ? accepted : null;
}
