using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using JourneyTriggers.Standalone.Timers;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Outbox;

public sealed class SqliteOutboxReaderTests : IDisposable
{
    static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);

    readonly TempDirectory data = new();
    readonly SqliteDatabase database;
    readonly SqliteCustomerStore store;
    readonly SqliteOutboxReader outbox;

    public SqliteOutboxReaderTests()
    {
        database = SqliteDatabase.Open(data.Path);
        store = new SqliteCustomerStore(database, new TimerSignal(), OutboxDestinations.OutboxOnly);
        outbox = new SqliteOutboxReader(database);
    }

    public void Dispose()
    {
        database.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task Lists_newest_first_up_to_the_limit()
    {
        await Save(ProfileKey.ForCustomer("c-1"), Messages.Email("m-old", ProfileKey.ForCustomer("c-1"), Now));
        await Save(ProfileKey.ForCustomer("c-2"), Messages.Email("m-new", ProfileKey.ForCustomer("c-2"), Now + Duration.FromHours(2)));
        await Save(ProfileKey.ForCustomer("c-3"), Messages.Email("m-mid", ProfileKey.ForCustomer("c-3"), Now + Duration.FromHours(1)));

        Assert.Equal(["m-new", "m-mid"], (await outbox.ListAsync(null, 2)).Select(e => e.MessageId));
    }

    [Fact]
    public async Task Filters_by_a_known_or_an_anonymous_id()
    {
        var known = ProfileKey.ForCustomer("c-1");
        var anonymous = ProfileKey.ForAnonymous("a-9");
        await Save(known, Messages.Email("m-known", known, Now));
        await Save(anonymous, Messages.Push("m-anonymous", anonymous, Now));
        await Save(ProfileKey.ForCustomer("c-2"), Messages.Email("m-other", ProfileKey.ForCustomer("c-2"), Now));

        var ofKnown = Assert.Single(await outbox.ListAsync("c-1", 10));
        var ofAnonymous = Assert.Single(await outbox.ListAsync("a-9", 10));

        Assert.Equal(("m-known", "c-1", (string?)null), (ofKnown.MessageId, ofKnown.CustomerId, ofKnown.AnonymousId));
        Assert.Equal(("m-anonymous", (string?)null, "a-9"), (ofAnonymous.MessageId, ofAnonymous.CustomerId, ofAnonymous.AnonymousId));
    }

    [Fact]
    public async Task An_entry_carries_everything_the_inbox_shows()
    {
        var key = ProfileKey.ForCustomer("c-1");
        await Save(key, Messages.Email("m-email", key, Now), Messages.Push("m-push", key, Now + Duration.FromMinutes(1)));

        var entries = await outbox.ListAsync("c-1", 10);

        var push = entries[0];
        Assert.Equal((Channel.Push, "ตะกร้าของคุณ", "Still thinking it over?", "shop://cart", "th-TH"), (push.Channel, push.PushTitle, push.PushBody, push.PushDeepLink, push.Locale));
        Assert.Empty(push.Headers);
        var email = entries[1];
        Assert.Equal(
            (Channel.Email, "abandoned_cart", 1, "cart-reminder-1", Now, OutboxStatus.Delivered, (Instant?)Now),
            (email.Channel, email.Trigger, email.Step, email.Template, email.At, email.Status, email.DeliveredAt));
        Assert.Equal(("ann@example.test", "You left something behind", "<p>Your <b>cart</b> is waiting.</p>", "Your cart is waiting."), (email.To, email.Subject, email.Html, email.Text));
        Assert.Equal(Messages.Unsubscribe, email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
    }

    Task Save(ProfileKey key, params Application.Messages.OutboundMessage[] messages) =>
        store.TrySaveAsync(new CustomerChange(key, CustomerState.New(key.Owner), null, [], messages));
}
