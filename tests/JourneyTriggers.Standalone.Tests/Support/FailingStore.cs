using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>A store that fails loading one customer, every time or the first <c>failures</c> times.</summary>
internal sealed class FailingStore(ICustomerStore inner, ProfileKey victim, Func<ProfileKey, Exception> failure, int failures = int.MaxValue) : ICustomerStore
{
    int loads;

    /// <summary>How many loads of the victim failed.</summary>
    public int Failed => Math.Min(loads, failures);

    public Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default) =>
        key == victim && Interlocked.Increment(ref loads) <= failures ? throw failure(key) : inner.FindAsync(key, cancellationToken);

    public Task<bool> TrySaveAsync(CustomerChange change, CancellationToken cancellationToken = default) => inner.TrySaveAsync(change, cancellationToken);

    public Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default) => inner.EraseAsync(key, cancellationToken);

    public Task<IReadOnlyList<ProfileKey>> MergedIntoAsync(string customerId, CancellationToken cancellationToken = default) =>
        inner.MergedIntoAsync(customerId, cancellationToken);
}
