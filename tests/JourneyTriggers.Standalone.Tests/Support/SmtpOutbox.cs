using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Smtp;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>A standalone data directory whose emails go over SMTP, with the dispatcher to send them.</summary>
internal sealed class SmtpOutbox : IDisposable
{
    readonly TempDirectory data = new();
    readonly SqliteCustomerStore store;
    readonly DeliveryRecording recording;
    readonly LateSendCheck check;
    readonly SqliteInbox inbox;

    public SmtpOutbox()
    {
        Database = SqliteDatabase.Open(data.Path);
        inbox = new SqliteInbox(new HostClock(TimeProvider.System), TimeProvider.System, new StandaloneOptions { DataDirectory = data.Path });
        store = new SqliteCustomerStore(Database, new TimerSignal(), new OutboxDestinations(Email: true, Push: false));
        var clock = new HostClock(TimeProvider.System);
        var updates = new CustomerUpdates(store, new FakeComposer());
        recording = new DeliveryRecording(Shop.Engine, updates, new CustomerLocks(), clock);
        check = new LateSendCheck(Shop.Engine, updates, clock);
        Reader = new SqliteOutboxReader(Database);
    }

    public string DataDirectory => data.Path;
    public SqliteDatabase Database { get; }
    public SqliteOutboxReader Reader { get; }

    public OutboxDispatcher Dispatcher(int port) => new(
        Database,
        new SmtpEmailSender(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Tls = SmtpTlsMode.None,
            FromAddress = "shop@shop.example",
            FromName = "Shop",
            Timeout = TimeSpan.FromSeconds(5),
        }),
        null,
        recording,
        check,
        inbox,
        new StandaloneOptions { DataDirectory = data.Path, DeliveryPollInterval = TimeSpan.FromMilliseconds(50) },
        TimeProvider.System,
        Shop.Pseudonyms,
        NullLogger<OutboxDispatcher>.Instance);

    /// <summary>A decision to email <paramref name="customerId"/>, saved as the engine's save would.</summary>
    public Task SaveEmail(string messageId, string customerId)
    {
        var key = ProfileKey.ForCustomer(customerId);
        var now = SystemClock.Instance.GetCurrentInstant();
        var email = Messages.Email(messageId, key, now);
        return store.TrySaveAsync(new CustomerChange(key, ReachableCustomers.By(Shop.Engine, CustomerState.New(key.Owner), now), null, [], [email]));
    }

    public string? Status(string messageId) =>
        DatabaseFile.Column(data.Path, $"SELECT status FROM outbox WHERE message_id = '{messageId}'").SingleOrDefault();

    public void Dispose()
    {
        inbox.Dispose();
        Database.Dispose();
        data.Dispose();
    }
}
