using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;

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

    public static List<QueuedTouchpoint> Cut(List<QueuedTouchpoint> batch, int maxPerCustomer = MaxPerCustomer)
    {
        if (batch.Count <= maxPerCustomer) return batch;
        var counts = new Dictionary<ProfileKey, int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (KeyOf(batch[i]) is not { } key) continue;
            var count = counts.GetValueOrDefault(key) + 1;
            if (count > maxPerCustomer) return batch.GetRange(0, i);
            counts[key] = count;
        }
        return batch;
    }

    /// <summary>Whose touchpoint it is: as handed over by the collector, else read again from its JSON; none when it no longer reads.</summary>
    static ProfileKey? KeyOf(QueuedTouchpoint queued) =>
        queued.Read is { } read ? read.Customer.Profile
        : TouchpointNormaliser.ReadNativeBody(queued.Json, Instant.FromUnixTimeTicks(queued.ReceivedAtTicks)) is [TouchpointReading.Accepted accepted]
            ? accepted.Touchpoint.Customer.Profile
            : null;
}
