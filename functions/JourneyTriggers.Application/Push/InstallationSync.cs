using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Push;

/// <summary>
/// One change the push provider's installations owe a saved customer change: an installation to
/// create or re-address to its customer, or one to remove. Carried with the change and done after the
/// save (a store keeps it until done), since a redelivered touchpoint is a duplicate and would not
/// produce it again.
/// </summary>
public abstract record InstallationSync
{
    InstallationSync() { }

    public sealed record Upsert(ProfileKey Customer, PushInstallation Installation) : InstallationSync;

    public sealed record Delete(string InstallationId) : InstallationSync;

    /// <summary>
    /// What changed in the customer's installations from <paramref name="before"/> to <paramref name="after"/>:
    /// new or changed ones (a <c>push.registered</c>, or a merge bringing an anonymous profile's devices,
    /// which must now carry the known customer's tag) are upserted; ones no longer there (a
    /// <c>push.unregistered</c>, or the oldest beyond the per-customer limit) are deleted. A profile
    /// merged away into another keeps nothing: its devices moved, so nothing is deleted for it.
    /// </summary>
    public static IReadOnlyList<InstallationSync> Between(ProfileKey key, CustomerState? before, CustomerState after)
    {
        if (after.MergedInto is not null) return [];
        var old = before?.Profile.Installations ?? [];
        var now = after.Profile.Installations;
        if (old == now) return [];
        List<InstallationSync>? changes = null;
        foreach (var installation in now)
            if (!old.Contains(installation)) (changes ??= []).Add(new Upsert(key, installation));
        foreach (var installation in old)
            if (!now.Any(i => i.InstallationId == installation.InstallationId)) (changes ??= []).Add(new Delete(installation.InstallationId));
        return changes ?? (IReadOnlyList<InstallationSync>)[];
    }
}
