using System.Collections.Concurrent;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Push;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyTriggers.Standalone.Tests.Push;

public sealed class InstallationSyncPumpTests : IDisposable
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    readonly TempDirectory data = new();
    readonly SqliteDatabase database;
    readonly SqliteCustomerStore store;
    readonly RecordingInstallations provider = new();

    public InstallationSyncPumpTests()
    {
        database = SqliteDatabase.Open(data.Path);
        store = new SqliteCustomerStore(database, new TimerSignal(), OutboxDestinations.OutboxOnly, syncInstallations: true);
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    CustomerChange Change(string? etag, params PushInstallation[] installations)
    {
        var state = CustomerState.New(Ann.Owner);
        state = state with { Profile = installations.Aggregate(state.Profile, (p, i) => p.Register(i)) };
        return new CustomerChange(Ann, state, etag, [], []) { Installations = InstallationSync.Between(Ann, null, state) };
    }

    [Fact]
    public async Task Saved_installation_changes_reach_the_provider_in_order_after_a_failure_and_only_once()
    {
        provider.FailNext = 1;
        Assert.True(await store.TrySaveAsync(Change(null, new PushInstallation("inst-1", "fcmv1", "token"))));
        var saved = await store.FindAsync(Ann);
        Assert.True(await store.TrySaveAsync(new CustomerChange(Ann, saved!.State, saved.ETag, [], []) { Installations = [new InstallationSync.Delete("inst-1")] }));

        using var pump = new InstallationSyncPump(database, provider, TimeProvider.System, Shop.Pseudonyms, NullLogger<InstallationSyncPump>.Instance, TimeSpan.FromMilliseconds(20));
        await pump.StartAsync(CancellationToken.None);
        await Eventually.Holds(() => provider.Calls.Count == 3, what: "the failed upsert, its retry and the delete");
        await pump.StopAsync(CancellationToken.None);

        Assert.Equal(["upsert inst-1 c-ann", "upsert inst-1 c-ann", "delete inst-1"], provider.Calls);
        Assert.Equal(0L, database.Read(s => (long)s.Command("SELECT COUNT(*) FROM installation_sync").ExecuteScalar()!));
    }

    [Fact]
    public async Task Without_a_provider_the_store_records_nothing_to_sync()
    {
        var plain = new SqliteCustomerStore(database, new TimerSignal(), OutboxDestinations.OutboxOnly);

        Assert.True(await plain.TrySaveAsync(Change(null, new PushInstallation("inst-1", "fcmv1", "token"))));

        Assert.Equal(0L, database.Read(s => (long)s.Command("SELECT COUNT(*) FROM installation_sync").ExecuteScalar()!));
    }

    [Fact]
    public async Task Erasing_the_customer_drops_installation_changes_not_yet_carried_out()
    {
        Assert.True(await store.TrySaveAsync(Change(null, new PushInstallation("inst-1", "fcmv1", "token"))));

        var report = await store.EraseAsync(Ann);

        Assert.Equal(1, report.Removed["installationChanges"]);
        Assert.Equal(0L, database.Read(s => (long)s.Command("SELECT COUNT(*) FROM installation_sync").ExecuteScalar()!));
    }

    sealed class RecordingInstallations : IPushInstallations
    {
        public ConcurrentQueue<string> Calls { get; } = new();
        public int FailNext { get; set; }

        public Task UpsertAsync(ProfileKey customer, PushInstallation installation, CancellationToken cancellationToken = default) =>
            Record($"upsert {installation.InstallationId} {customer.Value}");

        public Task DeleteAsync(string installationId, CancellationToken cancellationToken = default) => Record($"delete {installationId}");

        Task Record(string call)
        {
            Calls.Enqueue(call);
            if (FailNext <= 0) return Task.CompletedTask;
            FailNext--;
            throw new HttpRequestException("hub unavailable");
        }
    }
}
