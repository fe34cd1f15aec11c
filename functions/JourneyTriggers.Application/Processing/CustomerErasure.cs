using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Erasure on request (GDPR): running journeys exit with reason erased, the customer's push
/// installations are deleted at the provider (their tags carry the customer key), then everything
/// stored about the customer goes. The answer says what was removed.
/// </summary>
public sealed class CustomerErasure(JourneyEngine engine, CustomerUpdates customers, CustomerLocks locks, HostClock clock,
    IPushInstallations? installations = null)
{
    public Task<(IReadOnlyList<Effect> Exits, ErasureReport Report)?> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        EraseAsync(ProfileKey.ForCustomer(customerId), cancellationToken);

    /// <summary>
    /// Any profile, anonymous ones too (an anonymous visitor may ask as well). Null when there is none.
    /// The provider's copies go first: should the provider fail, the request fails with the record intact,
    /// so a retry still knows which installations to delete (the other order would orphan them for good).
    /// </summary>
    public async Task<(IReadOnlyList<Effect> Exits, ErasureReport Report)?> EraseAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        if (await customers.FindAsync(key, cancellationToken) is not { } stored) return null;
        if (installations is not null)
            foreach (var installation in stored.State.Profile.Installations)
                await installations.DeleteAsync(installation.InstallationId, cancellationToken);
        var exits = engine.Erase(stored.State, clock.Now()).Effects;
        return (exits, await customers.EraseAsync(key, cancellationToken));
    }
}
