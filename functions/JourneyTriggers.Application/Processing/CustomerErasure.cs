using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Erasure on request (GDPR): running journeys exit with reason erased, then everything stored about
/// the customer goes. The answer says what was removed.
/// </summary>
public sealed class CustomerErasure(JourneyEngine engine, CustomerUpdates customers, CustomerLocks locks, HostClock clock)
{
    public Task<(IReadOnlyList<Effect> Exits, ErasureReport Report)?> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        EraseAsync(ProfileKey.ForCustomer(customerId), cancellationToken);

    /// <summary>Any profile, anonymous ones too (an anonymous visitor may ask as well). Null when there is none.</summary>
    public async Task<(IReadOnlyList<Effect> Exits, ErasureReport Report)?> EraseAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        if (await customers.FindAsync(key, cancellationToken) is not { } stored) return null;
        var exits = engine.Erase(stored.State, clock.Now()).Effects;
        return (exits, await customers.EraseAsync(key, cancellationToken));
    }
}
