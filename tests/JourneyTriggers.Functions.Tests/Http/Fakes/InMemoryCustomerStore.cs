using System.Globalization;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary>
/// <see cref="ICustomerStore"/> in a dictionary, with the same conditional-save contract as the real
/// stores (a version per document), and every saved change kept for assertions.
/// </summary>
public sealed class InMemoryCustomerStore : ICustomerStore
{
    readonly Lock gate = new();
    readonly Dictionary<ProfileKey, (CustomerState State, int Version)> documents = [];
    readonly List<CustomerChange> changes = [];

    /// <summary>The changes stay for assertions, so the messages an erasure counted are noted: a repeated erasure finds none, as in the real stores.</summary>
    readonly HashSet<(ProfileKey, string)> erasedMessages = [];

    /// <summary>Set to make every read fail, as a store that is down would.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Awaited before every save: lets a test hold a request in flight.</summary>
    public Func<Task>? BeforeSave { get; set; }

    public IReadOnlyList<CustomerChange> Changes { get { lock (gate) return [.. changes]; } }

    public CustomerState? this[ProfileKey key] { get { lock (gate) return documents.TryGetValue(key, out var d) ? d.State : null; } }

    public CustomerState? this[string customerId] => this[ProfileKey.ForCustomer(customerId)];

    public Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure) throw failure;
        lock (gate)
            return Task.FromResult(documents.TryGetValue(key, out var d) ? new StoredCustomer(d.State, Tag(d.Version)) : null);
    }

    public async Task<bool> TrySaveAsync(CustomerChange change, CancellationToken cancellationToken = default)
    {
        if (BeforeSave is { } hold) await hold();
        return Save(change);
    }

    bool Save(CustomerChange change)
    {
        lock (gate)
        {
            var exists = documents.TryGetValue(change.Key, out var current);
            if (exists ? change.ExpectedETag != Tag(current.Version) : change.ExpectedETag is not null) return false;
            documents[change.Key] = (change.State, exists ? current.Version + 1 : 1);
            changes.Add(change);
            return true;
        }
    }

    public Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var removed = documents.Remove(key) ? 1 : 0;
            var messages = changes.Where(c => c.Key == key).SelectMany(c => c.Messages).Count(m => erasedMessages.Add((key, m.MessageId)));
            return Task.FromResult(new ErasureReport(new Dictionary<string, int> { ["customer"] = removed, ["messages"] = messages }));
        }
    }

    public Task<IReadOnlyList<ProfileKey>> MergedIntoAsync(string customerId, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<ProfileKey>>([.. documents.Where(d => d.Value.State.MergedInto == customerId).Select(d => d.Key)]);
    }

    public void Put(ProfileKey key, CustomerState state)
    {
        lock (gate) documents[key] = (state, documents.TryGetValue(key, out var d) ? d.Version + 1 : 1);
    }

    static string Tag(int version) => version.ToString(CultureInfo.InvariantCulture);
}
