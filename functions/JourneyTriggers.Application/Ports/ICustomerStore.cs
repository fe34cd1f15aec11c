using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>One document per customer, written only conditionally on its version (DESIGN 4.6).</summary>
public interface ICustomerStore
{
    Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the change if the stored version still matches <see cref="CustomerChange.ExpectedETag"/>
    /// (null: the document must not exist yet). False on a version conflict: reload and decide again.
    /// </summary>
    Task<bool> TrySaveAsync(CustomerChange change, CancellationToken cancellationToken = default);

    /// <summary>Removes the document and everything kept about the customer; what was erased, by kind.</summary>
    Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The anonymous profiles merged into the known customer <paramref name="customerId"/>: their tombstones still
    /// link the device to the person, and their effects and messages from before the merge are kept under them.
    /// </summary>
    Task<IReadOnlyList<ProfileKey>> MergedIntoAsync(string customerId, CancellationToken cancellationToken = default);
}

/// <summary>How many records of each kind an erasure removed.</summary>
public sealed record ErasureReport(IReadOnlyDictionary<string, int> Removed);
