using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>One document per customer, written only conditionally on its version (DESIGN 4.6).</summary>
public interface ICustomerStore
{
    /// <summary>The customer; null when there is none, or while an erasure of them is under way (nothing may be written for them then).</summary>
    Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the change if the stored version still matches <see cref="CustomerChange.ExpectedETag"/>
    /// (null: the document must not exist yet). False on a version conflict: reload and decide again. A
    /// <see cref="StoreUnavailableException"/> when the customer is being erased: retried later, it starts a new customer.
    /// </summary>
    Task<bool> TrySaveAsync(CustomerChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the document and everything kept about the customer; what was erased, by kind. Repeatable: called again
    /// after a failure, or when <see cref="FindAsync"/> finds nothing, it finishes what an interrupted erasure left.
    /// </summary>
    Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="EraseAsync"/> for an id <see cref="FindAsync"/> found no customer under: finishes an erasure cut short,
    /// or removes records left with no document. A customer whose document appears meanwhile, made by events this moment,
    /// is not this erasure's to take, since the whole erasure must (their installations, merged profiles, dead letters):
    /// a store shared by several instances refuses with a <see cref="StoreUnavailableException"/> then, so that the request
    /// is sent again. A store whose writers all take <see cref="Processing.CustomerLocks"/> in one process meets no such
    /// customer while the erasure holds the lock.
    /// </summary>
    Task<ErasureReport> EraseRemainsAsync(ProfileKey key, CancellationToken cancellationToken = default) => EraseAsync(key, cancellationToken);

    /// <summary>
    /// The anonymous profiles merged into the known customer <paramref name="customerId"/>: their tombstones still
    /// link the device to the person, and their effects and messages from before the merge are kept under them.
    /// </summary>
    Task<IReadOnlyList<ProfileKey>> MergedIntoAsync(string customerId, CancellationToken cancellationToken = default);
}

/// <summary>How many records of each kind an erasure removed.</summary>
public sealed record ErasureReport(IReadOnlyDictionary<string, int> Removed);
