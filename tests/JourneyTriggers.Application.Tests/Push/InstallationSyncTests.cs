using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Tests.Push;

public sealed class InstallationSyncTests
{
    static readonly ProfileKey Known = ProfileKey.ForCustomer("c-42");

    static CustomerState With(params PushInstallation[] installations)
    {
        var state = CustomerState.New(Known.Owner);
        return state with { Profile = installations.Aggregate(state.Profile, (p, i) => p.Register(i)) };
    }

    [Fact]
    public void A_new_or_changed_installation_is_upserted_and_a_vanished_one_deleted()
    {
        var before = With(new PushInstallation("a", "fcmv1", "t1"), new PushInstallation("b", "apns", "t2"));
        var after = With(new PushInstallation("a", "fcmv1", "t1-new"), new PushInstallation("c", "wns", null));

        Assert.Equal(
            [
                new InstallationSync.Upsert(Known, new PushInstallation("a", "fcmv1", "t1-new")),
                new InstallationSync.Upsert(Known, new PushInstallation("c", "wns", null)),
                new InstallationSync.Delete("b"),
            ],
            InstallationSync.Between(Known, before, after));
    }

    [Fact]
    public void An_unchanged_profile_owes_nothing()
    {
        var state = With(new PushInstallation("a", "fcmv1", "t1"));

        Assert.Empty(InstallationSync.Between(Known, state, state with { Clocks = state.Clocks }));
    }

    [Fact]
    public void A_profile_merged_away_deletes_nothing_since_its_devices_moved()
    {
        var anonymous = ProfileKey.ForAnonymous("a-9");
        var before = With(new PushInstallation("a", "fcmv1", "t1"));

        Assert.Empty(InstallationSync.Between(anonymous, before, CustomerState.Tombstone(anonymous.Owner, "c-42")));
    }
}
