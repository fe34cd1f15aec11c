using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// Writes a provider's verdict into the customer's document and effect log (load, record, save), for
/// a host whose deliveries run apart from its saves. Repeating it is harmless: the engine records a
/// message's outcome once. An erased or merged customer has nothing left to record it on.
/// </summary>
public sealed class DeliveryRecording(CustomerUpdates customers, CustomerLocks locks, HostClock clock)
{
    public async Task RecordAsync(ProfileKey key, DeliveryReport report, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        var now = clock.Now();
        await customers.UpdateAsync(key, state => JourneyEngine.RecordDelivery(state, report, now), null, cancellationToken, createIfMissing: false);
    }
}
