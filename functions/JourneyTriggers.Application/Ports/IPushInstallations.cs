using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// The provider's copy of a customer's push installations, kept in step with <c>push.registered</c> and
/// <c>push.unregistered</c> touchpoints. Both calls are idempotent, so a redelivered touchpoint may repeat them.
/// </summary>
public interface IPushInstallations
{
    Task UpsertAsync(ProfileKey customer, PushInstallation installation, CancellationToken cancellationToken = default);

    /// <summary>Removes the installation; one the provider no longer knows counts as removed.</summary>
    Task DeleteAsync(string installationId, CancellationToken cancellationToken = default);
}
