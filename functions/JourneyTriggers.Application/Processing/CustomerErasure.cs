using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Erasure on request (GDPR): running journeys exit with reason erased, the customer's push
/// installations are deleted at the provider (their tags carry the customer key), then everything
/// stored about the customer goes: the anonymous profiles merged into them (the tombstone that ties a device
/// to the person, and what was kept under it before the merge), the dead letters that name any of their ids,
/// and last their own document and records. The answer says what was removed.
/// </summary>
public sealed class CustomerErasure(JourneyEngine engine, ICustomerStore store, IDeadLetterStore deadLetters,
    CustomerLocks locks, HostClock clock, IPushInstallations? installations = null)
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
        ErasureReport? remains;
        using (await locks.AcquireAsync(key, cancellationToken))
        {
            if (await store.FindAsync(key, cancellationToken) is { } stored) return await EraseAsync(key, stored, cancellationToken);
            remains = await EraseRemainsAsync(key, cancellationToken);
        }
        // Dead letters are no customer's document, so their scan (every blob, on Azure) needs no lock; holding it would
        // stall the events of every customer on the same stripe for as long as the scan takes.
        return remains is null ? null : await FinishAsync(key, remains, cancellationToken);
    }

    async Task<(IReadOnlyList<Effect> Exits, ErasureReport Report)> EraseAsync(ProfileKey key, StoredCustomer stored, CancellationToken cancellationToken)
    {
        if (installations is not null)
            foreach (var installation in stored.State.Profile.Installations)
                await installations.DeleteAsync(installation.InstallationId, cancellationToken);
        var exits = engine.Erase(stored.State, clock.Now()).Effects;

        // The customer's own document goes last: a failure before leaves it findable, so a retry finishes the rest.
        var removed = new Dictionary<string, int>();
        var merged = key.IsAnonymous ? [] : await store.MergedIntoAsync(key.Value, cancellationToken);
        foreach (var anonymous in merged)
            Add(removed, await store.EraseAsync(anonymous, cancellationToken), renameCustomer: MergedProfiles);
        removed[MergedProfiles] = removed.GetValueOrDefault(MergedProfiles);
        removed[DeadLetters] = await deadLetters.EraseMentioningAsync(DeadLetterMentions.Anywhere(Names(stored.State, merged)), cancellationToken);
        Add(removed, await store.EraseAsync(key, cancellationToken), renameCustomer: null);
        return (exits, new ErasureReport(removed));
    }

    /// <summary>
    /// No customer to read. It may be an erasure cut short after its last step began (a store hides a customer being
    /// erased from every reader, and only their own records are left by then), or records left with no document: erasing
    /// again removes them. Or the id may be known only from dead letters, every event sent about them having been refused.
    /// When nothing of this kind was left and a profile of the other kind has the id, nothing goes (null): the request
    /// most likely meant them, and their dead letters are not this id's to take.
    /// </summary>
    async Task<ErasureReport?> EraseRemainsAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var report = await store.EraseRemainsAsync(key, cancellationToken);
        var id = key.Owner.CustomerId ?? key.Owner.AnonymousId!;
        var other = key.IsAnonymous ? ProfileKey.ForCustomer(id) : ProfileKey.ForAnonymous(id);
        return !Removed(report) && await store.FindAsync(other, cancellationToken) is not null ? null : report;
    }

    /// <summary>
    /// Either way the dead letters that carry the id as this kind of id (<see cref="DeadLetterMentions.AsIdentity"/>) go,
    /// the same whichever it is, so a retry after a failure takes what the first attempt would have: a bare mention could
    /// be anyone's order or product. Null when nothing was found.
    /// </summary>
    async Task<(IReadOnlyList<Effect> Exits, ErasureReport Report)?> FinishAsync(ProfileKey key, ErasureReport remains, CancellationToken cancellationToken)
    {
        var letters = await deadLetters.EraseMentioningAsync(DeadLetterMentions.AsIdentity(key), cancellationToken);
        if (!Removed(remains) && letters == 0) return null;
        return ([], new ErasureReport(new Dictionary<string, int>(remains.Removed) { [DeadLetters] = letters }));
    }

    static bool Removed(ErasureReport report) => report.Removed.Values.Any(count => count > 0);

    /// <summary>The kinds an erasure reports on top of the store's own.</summary>
    public const string MergedProfiles = "mergedProfiles";
    public const string DeadLetters = "deadLetters";

    /// <summary>What a dead letter of this person would carry: their ids, every merged anonymous id, their email address.</summary>
    static List<string> Names(CustomerState state, IReadOnlyList<ProfileKey> merged) =>
    [
        .. merged.Select(k => k.Owner.AnonymousId).Append(state.Identity.CustomerId).Append(state.Identity.AnonymousId).Append(state.Profile.Email)
            .OfType<string>().Distinct(StringComparer.Ordinal),
    ];

    static void Add(Dictionary<string, int> total, ErasureReport report, string? renameCustomer)
    {
        foreach (var (kind, count) in report.Removed)
        {
            var counted = kind == "customer" && renameCustomer is not null ? renameCustomer : kind;
            total[counted] = total.GetValueOrDefault(counted) + count;
        }
    }
}
