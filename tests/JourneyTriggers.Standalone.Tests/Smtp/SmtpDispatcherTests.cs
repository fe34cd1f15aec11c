using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Smtp;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Smtp;

/// <summary>Against a real SMTP server (maildev, see tests/servers).</summary>
public sealed class SmtpDispatcherTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly SqliteDatabase database;
    readonly SqliteCustomerStore store;

    public SmtpDispatcherTests()
    {
        database = SqliteDatabase.Open(data.Path);
        store = new SqliteCustomerStore(database, new TimerSignal(), EmailDestination.Smtp);
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task An_email_is_sent_once_with_both_parts_and_the_unsubscribe_headers()
    {
        await using var server = await MailDev.StartAsync();
        await SaveEmail("m-1");

        using (var dispatcher = Dispatcher(server.SmtpPort))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await Eventually.Holds(() => Status("m-1") == "delivered", what: "delivered");
            // Further rounds of the dispatcher find nothing more to send.
            await Task.Delay(300);
            await dispatcher.StopAsync(CancellationToken.None);
        }

        var email = Assert.Single(await server.EmailsAsync());
        Assert.Equal("You left something behind", email.GetProperty("subject").GetString());
        Assert.Equal("Your cart is waiting.", email.GetProperty("text").GetString()!.TrimEnd());
        Assert.Equal("<p>Your <b>cart</b> is waiting.</p>", email.GetProperty("html").GetString()!.TrimEnd());
        Assert.Equal("ann@example.test", email.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal(("shop@shop.example", "Shop"), (email.GetProperty("from")[0].GetProperty("address").GetString(), email.GetProperty("from")[0].GetProperty("name").GetString()));
        Assert.Equal("m-1@shop.example", email.GetProperty("messageId").GetString());
        var headers = email.GetProperty("headers");
        Assert.StartsWith("multipart/alternative", headers.GetProperty("content-type").GetString());
        Assert.Equal(Messages.Unsubscribe, headers.GetProperty("list-unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("list-unsubscribe-post").GetString());
        var entry = Assert.Single(await new SqliteOutboxReader(database).ListAsync("c-ann", 10));
        Assert.Equal((OutboxStatus.Delivered, 1), (entry.Status, entry.Attempts));
        Assert.NotNull(entry.DeliveredAt);
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_message_with_the_servers_reason()
    {
        // This server takes mail only from authenticated senders; we send without credentials.
        await using var server = await MailDev.StartAsync("--incoming-user", "shop", "--incoming-pass", "secret");
        await SaveEmail("m-refused");

        using (var dispatcher = Dispatcher(server.SmtpPort))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await Eventually.Holds(() => Status("m-refused") == "failed", what: "failed");
            await dispatcher.StopAsync(CancellationToken.None);
        }

        var entry = Assert.Single(await new SqliteOutboxReader(database).ListAsync("c-ann", 10));
        Assert.Equal((OutboxStatus.Failed, 1), (entry.Status, entry.Attempts));
        Assert.StartsWith("530 ", entry.LastError);
        Assert.Empty(await server.EmailsAsync());
    }

    [Fact]
    public async Task A_send_cut_short_by_a_crash_becomes_unknown_and_is_never_repeated()
    {
        await using var server = await MailDev.StartAsync();
        await SaveEmail("m-interrupted");
        await SaveEmail("m-next", "c-bob");
        // The previous process claimed the message and died before learning the outcome.
        DatabaseFile.Execute(data.Path, "UPDATE outbox SET status = 'sending', attempts = 1 WHERE message_id = 'm-interrupted'");

        using (var dispatcher = Dispatcher(server.SmtpPort))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await Eventually.Holds(() => Status("m-next") == "delivered", what: "the next email delivered");
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal("unknown", Status("m-interrupted"));
        Assert.Equal(["m-next@shop.example"], (await server.EmailsAsync()).Select(e => e.GetProperty("messageId").GetString()));
    }

    SmtpDispatcher Dispatcher(int port) => new(
        database,
        new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Tls = SmtpTlsMode.None,
            FromAddress = "shop@shop.example",
            FromName = "Shop",
            Timeout = TimeSpan.FromSeconds(5),
            PollInterval = TimeSpan.FromMilliseconds(50),
        },
        TimeProvider.System,
        NullLogger<SmtpDispatcher>.Instance);

    Task SaveEmail(string messageId, string customerId = "c-ann")
    {
        var key = ProfileKey.ForCustomer(customerId);
        return store.TrySaveAsync(new CustomerChange(key, CustomerState.New(key.Owner), null, [], [Messages.Email(messageId, key, SystemClock.Instance.GetCurrentInstant())]));
    }

    string? Status(string messageId) =>
        DatabaseFile.Column(data.Path, $"SELECT status FROM outbox WHERE message_id = '{messageId}'").SingleOrDefault();
}
