using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Azure.TimerQueue;

/// <summary>A wake-up message read: the customer and timer or reminder it names, or why it cannot be read. The caller decides what a malformed one costs.</summary>
public abstract record WakeUpParseResult
{
    WakeUpParseResult() { }

    /// <param name="Retry">How many times this wake-up was queued again after a failure that passes (<see cref="WakeUpRetries"/>).</param>
    public sealed record Parsed(ProfileKey Key, TimerDue Timer, int Retry = 0) : WakeUpParseResult;

    /// <summary>A reminder whose provider asked to wait is due to be tried again (<see cref="Delivery.DeferredDeliveries"/>).</summary>
    public sealed record DeliveryDue(ProfileKey Key, string MessageId, Instant DueAt, int Retry = 0) : WakeUpParseResult;

    /// <summary>
    /// An erasure begun at <paramref name="ErasedAt"/> is due its second sweep, once no instance can still be writing
    /// blobs for the customer from before it (<see cref="Cosmos.CosmosCustomerStore.SweepAsync"/>).
    /// </summary>
    /// <param name="Item">The Cosmos DB resource id (<c>_rid</c>) of the customer's item when the erasure began: an item found with it later is
    /// that same customer, never erased; one with another is a new customer made since. Null when there was none.</param>
    public sealed record ErasureSweepDue(ProfileKey Key, Instant ErasedAt, string? Item, Instant DueAt, int Retry = 0) : WakeUpParseResult;

    /// <summary><see cref="Problem"/> names every field that is wrong and how; it never quotes more than a little of the body.</summary>
    public sealed record Malformed(string Problem) : WakeUpParseResult;
}
