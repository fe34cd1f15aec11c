using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using JourneyTriggers.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Outbox;

/// <summary>The outbox dispatcher against fake providers: each message handed over once, and its verdict on the customer's timeline.</summary>
public sealed class OutboxDispatcherTests : IDisposable
{
    readonly TempDirectory data = new();
    readonly Shop shop;
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    public OutboxDispatcherTests() =>
        shop = new Shop(data.Path, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T11:00:00Z")), new OutboxDestinations(Email: true, Push: true));

    public void Dispose()
    {
        shop.Dispose();
        data.Dispose();
    }

    Instant Now => Instant.FromDateTimeOffset(shop.Time.GetUtcNow());

    Task SaveAsync(Application.Messages.OutboundMessage message)
    {
        var state = CustomerState.New(message.Customer.Owner) with
        {
            Profile = CustomerProfile.Empty.Register(new PushInstallation("inst-1", "fcmv1", "t1")).Register(new PushInstallation("inst-2", "apns", "t2")),
        };
        return shop.Store.TrySaveAsync(new CustomerChange(message.Customer, ReachableCustomers.By(Shop.Engine, state, Now), null, [], [message]));
    }

    async Task RunUntil(OutboxDispatcher dispatcher, Func<bool> done, string what)
    {
        await dispatcher.StartAsync(CancellationToken.None);
        await Eventually.Holds(done, shop.Time, what: what);
        await dispatcher.StopAsync(CancellationToken.None);
    }

    string? Status(string messageId) => DatabaseFile.Column(data.Path, $"SELECT status FROM outbox WHERE message_id = '{messageId}'").SingleOrDefault();

    bool Recorded(string messageId) =>
        DatabaseFile.Column(data.Path, $"SELECT outcome_recorded FROM outbox WHERE message_id = '{messageId}'").SingleOrDefault() == "1";

    async Task<CustomerState> Customer() => (await shop.Store.FindAsync(Ann))!.State;

    IReadOnlyList<string?> LoggedTypes() => DatabaseFile.Column(data.Path, "SELECT type FROM effects ORDER BY seq");

    [Fact]
    public async Task An_accepted_email_is_delivered_once_and_message_delivered_lands_in_the_timeline_and_the_effect_log()
    {
        await SaveAsync(Messages.Email("m-1", Ann, Now));
        var email = new FakeEmailSender(null, new SendOutcome.Accepted("op-1"));

        using var dispatcher = shop.Dispatcher(email);
        await RunUntil(dispatcher, () => Status("m-1") == "delivered" && Recorded("m-1"), "delivered and recorded");

        Assert.Equal(["m-1"], email.Calls);
        var outcome = Assert.IsType<RecordDelivered>((await Customer()).Timeline[^1]);
        Assert.Equal(("m-1", "op-1", "abandoned_cart", 1), (outcome.MessageId, outcome.ProviderMessageId, outcome.Path.Trigger, outcome.Path.Step));
        Assert.Equal(["message.delivered"], LoggedTypes());
    }

    [Fact]
    public async Task A_message_no_provider_sends_is_delivered_to_the_outbox_and_recorded_like_any_delivery()
    {
        using var keptData = new TempDirectory();
        using var kept = new Shop(keptData.Path, shop.Time, new OutboxDestinations(Email: false, Push: false));
        var message = Messages.Email("m-1", Ann, Now);
        await kept.Store.TrySaveAsync(new CustomerChange(Ann, CustomerState.New(Ann.Owner), null, [], [message]));

        using var dispatcher = kept.Dispatcher(null);
        await dispatcher.StartAsync(CancellationToken.None);
        await Eventually.Holds(() => DatabaseFile.Column(keptData.Path, "SELECT outcome_recorded FROM outbox WHERE message_id = 'm-1'").Single() == "1",
            kept.Time, what: "the outbox's verdict recorded");
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal("delivered", DatabaseFile.Column(keptData.Path, "SELECT status FROM outbox WHERE message_id = 'm-1'").Single());
        var delivered = Assert.IsType<RecordDelivered>((await kept.Store.FindAsync(Ann))!.State.Timeline[^1]);
        Assert.Equal(("m-1", Channel.Email, null), (delivered.MessageId, delivered.Channel, delivered.ProviderMessageId));
        Assert.Equal(["message.delivered"], DatabaseFile.Column(keptData.Path, "SELECT type FROM effects ORDER BY seq"));
    }

    [Fact]
    public async Task Logs_name_the_customer_by_pseudonym_never_by_id_even_when_the_id_is_an_email_address()
    {
        var customer = ProfileKey.ForCustomer("ann.lee@example.test");
        await SaveAsync(Messages.Email("m-1", customer, Now));
        var email = new FakeEmailSender(null, new SendOutcome.NotSent("429", Duration.FromSeconds(2)), new SendOutcome.Accepted(null));
        var logs = new CapturedLogs();

        using var dispatcher = shop.Dispatcher(email, logs: logs);
        await RunUntil(dispatcher, () => Status("m-1") == "delivered", "delivered after one retry");

        var lines = logs.Lines.Where(l => l.Contains("m-1", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Contains(Shop.Pseudonyms.Of(customer), l));
        Assert.All(logs.Lines, l => Assert.DoesNotContain("ann.lee", l));
    }

    [Fact]
    public async Task Not_sent_is_retried_after_the_back_off_then_delivered()
    {
        await SaveAsync(Messages.Email("m-2", Ann, Now));
        var email = new FakeEmailSender(null, new SendOutcome.NotSent("429", Duration.FromSeconds(2)), new SendOutcome.Accepted(null));

        using var dispatcher = shop.Dispatcher(email, policy: new DeliveryPolicy(3, Duration.FromSeconds(1), Duration.FromMinutes(1)));
        await RunUntil(dispatcher, () => Status("m-2") == "delivered" && Recorded("m-2"), "delivered on the second attempt");

        Assert.Equal(["m-2", "m-2"], email.Calls);
        var entry = Assert.Single(await new SqliteOutboxReader(shop.Database).ListAsync("c-ann", 10));
        Assert.Equal(2, entry.Attempts);
    }

    [Fact]
    public async Task A_retry_after_the_customer_revoked_email_consent_is_withdrawn_and_never_sent()
    {
        await SaveAsync(Messages.Email("m-2", Ann, Now));
        var email = new FakeEmailSender(null, new SendOutcome.NotSent("421 try later", Duration.FromMinutes(5)), new SendOutcome.Accepted(null));
        var policy = new DeliveryPolicy(3, Duration.FromSeconds(1), Duration.FromMinutes(10));
        using (var first = shop.Dispatcher(email, policy: policy))
            await RunUntil(first, () => email.Calls.Count == 1 && Status("m-2") == "pending", "the first attempt not taken");

        var stored = (await shop.Store.FindAsync(Ann))!;
        var revoked = Shop.Engine.Decide(stored.State, new ConsentUpdated(new TouchpointId("revoke"), Ann.Owner, Now + Duration.FromSeconds(1), "web", false, null), Now).State;
        Assert.True(await shop.Store.TrySaveAsync(new CustomerChange(Ann, revoked, stored.ETag, [], [])));
        using (var second = shop.Dispatcher(email, policy: policy))
            await RunUntil(second, () => Status("m-2") == "failed" && Recorded("m-2"), "withdrawn");

        Assert.Equal(["m-2"], email.Calls);
        var failed = Assert.IsType<RecordDeliveryFailed>((await Customer()).Timeline.Last(e => e is RecordDeliveryFailed));
        Assert.StartsWith("withdrawn before the provider took it: the customer can no longer be reached by email", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_waits_for_a_revocation_the_inbox_acknowledged_but_has_not_decided_and_is_withdrawn()
    {
        await SaveAsync(Messages.Email("m-2", Ann, Now));
        var email = new FakeEmailSender(null, new SendOutcome.NotSent("421 try later", Duration.FromMinutes(5)), new SendOutcome.Accepted(null));
        var policy = new DeliveryPolicy(3, Duration.FromSeconds(1), Duration.FromMinutes(10));
        using (var first = shop.Dispatcher(email, policy: policy))
            await RunUntil(first, () => email.Calls.Count == 1 && Status("m-2") == "pending", "the first attempt not taken");

        // The customer unsubscribes: acknowledged with a 202, still in the inbox when the retry comes due.
        await shop.Inbox.ReceiveAsync([new TouchpointReading.Accepted(new ConsentUpdated(new TouchpointId("revoke"), Ann.Owner, Now + Duration.FromSeconds(1), "web", false, null))]);
        using var second = shop.Dispatcher(email, policy: policy);
        var waiting = shop.Inbox.Wanted();
        await second.StartAsync(CancellationToken.None);
        await Eventually.Holds(() => waiting.IsCompleted || email.Calls.Count > 1, shop.Time, TimeSpan.FromMinutes(1), "the retry due and waiting for the inbox");
        Assert.Single(email.Calls);

        await shop.PumpUntilDecidedAsync();
        await Eventually.Holds(() => Status("m-2") == "failed" && Recorded("m-2"), what: "withdrawn");
        await second.StopAsync(CancellationToken.None);

        Assert.Single(email.Calls);
        var failed = Assert.IsType<RecordDeliveryFailed>((await Customer()).Timeline.Last(e => e is RecordDeliveryFailed));
        Assert.StartsWith("withdrawn before the provider took it: the customer can no longer be reached by email", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_send_is_not_held_up_by_a_retry_waiting_for_the_inbox()
    {
        await SaveAsync(Messages.Email("m-2", Ann, Now));
        var email = new FakeEmailSender(null, new SendOutcome.NotSent("421 try later", Duration.FromMinutes(5)), new SendOutcome.Accepted(null));
        using (var first = shop.Dispatcher(email, policy: new DeliveryPolicy(3, Duration.FromSeconds(1), Duration.FromMinutes(10))))
            await RunUntil(first, () => email.Calls.Count == 1 && Status("m-2") == "pending", "the first attempt not taken");
        shop.Time.Advance(TimeSpan.FromMinutes(5));
        var bob = ProfileKey.ForCustomer("c-bob");
        await SaveAsync(Messages.Email("m-1", bob, Now));
        // Something acknowledged and never decided here (no pump runs): the retry waits for it, on a clock that stands still.
        await shop.Inbox.ReceiveAsync([new TouchpointReading.Accepted(new ConsentUpdated(new TouchpointId("later"), Ann.Owner, Now, "web", true, null))]);

        using var dispatcher = shop.Dispatcher(email);
        var waiting = shop.Inbox.Wanted();
        await dispatcher.StartAsync(CancellationToken.None);
        await Eventually.Holds(() => Status("m-1") == "delivered" && waiting.IsCompleted, what: "the first send delivered while the retry waits");
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal("pending", Status("m-2"));
    }

    [Fact]
    public async Task A_refusal_fails_for_good_with_message_failed()
    {
        await SaveAsync(Messages.Email("m-3", Ann, Now));
        var email = new FakeEmailSender(null, new SendOutcome.Refused("400 InvalidRecipient"));

        using var dispatcher = shop.Dispatcher(email);
        await RunUntil(dispatcher, () => Status("m-3") == "failed" && Recorded("m-3"), "failed");

        Assert.Single(email.Calls);
        Assert.Equal("400 InvalidRecipient", Assert.IsType<RecordDeliveryFailed>((await Customer()).Timeline[^1]).Reason);
    }

    [Fact]
    public async Task Delivered_failed_and_unknown_outcomes_are_counted_in_the_metrics_once_each()
    {
        (string Id, SendOutcome Answer, string Status)[] sends =
        [
            ("m-d", new SendOutcome.Accepted("op-d"), "delivered"),
            ("m-f", new SendOutcome.Refused("400 InvalidRecipient"), "failed"),
            ("m-u", new SendOutcome.Unknown("timeout after the request was sent"), "unknown"),
        ];
        foreach (var (id, answer, status) in sends)
        {
            // One customer each: SaveAsync creates its customer.
            await SaveAsync(Messages.Email(id, ProfileKey.ForCustomer("c-" + id), Now));
            using var dispatcher = shop.Dispatcher(new FakeEmailSender(null, answer));
            await RunUntil(dispatcher, () => Status(id) == status && Recorded(id), status);
        }

        var tally = await new SqliteMetricsStore(shop.Database).ReadAsync(new LocalDate(2026, 1, 1), new LocalDate(2027, 1, 1));
        long Count(MetricMeasure measure) => tally.Rows.Where(row => row.Key.Measure == measure).Sum(row => row.Value.Count);
        Assert.Equal((1L, 1L, 1L), (Count(MetricMeasure.MessageDelivered), Count(MetricMeasure.MessageFailed), Count(MetricMeasure.MessageUnknown)));
        var delivered = tally.Rows.Single(row => row.Key.Measure == MetricMeasure.MessageDelivered).Key;
        Assert.Equal(("abandoned_cart", 1, Channel.Email), (delivered.Trigger, delivered.Step, delivered.Channel));

        // Recording an outcome again (a redelivered report) counts nothing more.
        var again = new DeliveryReport("m-d", Channel.Email, "abandoned_cart", 1, new DeliveryVerdict.Delivered("op-d"), []);
        await shop.Recording.RecordAsync(ProfileKey.ForCustomer("c-m-d"), again, CancellationToken.None);
        var after = await new SqliteMetricsStore(shop.Database).ReadAsync(new LocalDate(2026, 1, 1), new LocalDate(2027, 1, 1));
        Assert.Equal(tally, after);
    }

    [Fact]
    public async Task A_push_goes_to_every_installation_once_is_delivered_when_one_accepted_and_forgets_the_gone_one()
    {
        await SaveAsync(Messages.Push("m-4", Ann, Now));
        var push = new FakePushSender(id => id == "inst-1" ? new SendOutcome.InstallationGone(id, "410 Gone") : new SendOutcome.Accepted("nh-2"));

        using var dispatcher = shop.Dispatcher(null, push);
        await RunUntil(dispatcher, () => Status("m-4") == "delivered" && Recorded("m-4"), "delivered");

        Assert.Equal([("m-4", "inst-1"), ("m-4", "inst-2")], push.Calls);
        var customer = await Customer();
        Assert.Equal(["inst-2"], customer.Profile.Installations.Select(i => i.InstallationId));
        Assert.Equal("nh-2", Assert.IsType<RecordDelivered>(customer.Timeline[^1]).ProviderMessageId);
    }

    [Fact]
    public async Task Stopping_finishes_the_call_in_progress_and_keeps_its_answer_starts_no_other_and_the_next_start_sends_the_rest()
    {
        await SaveAsync(Messages.Push("m-7", Ann, Now));
        var slow = new HeldPushSender(id => new SendOutcome.Accepted("nh-" + id));
        using (var dispatcher = shop.Dispatcher(null, slow))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await slow.Called.WaitAsync(TimeSpan.FromSeconds(10));
            var stopped = dispatcher.StopAsync(CancellationToken.None);
            slow.Release();
            await stopped;
        }
        Assert.Equal([("m-7", "inst-1")], slow.Calls);
        Assert.Equal("pending", Status("m-7"));

        var push = new FakePushSender(id => new SendOutcome.Accepted("nh-" + id));
        using (var dispatcher = shop.Dispatcher(null, push))
            await RunUntil(dispatcher, () => Status("m-7") == "delivered" && Recorded("m-7"), "delivered");
        Assert.Equal([("m-7", "inst-2")], push.Calls);
        Assert.Equal("nh-inst-1,nh-inst-2", Assert.IsType<RecordDelivered>((await Customer()).Timeline[^1]).ProviderMessageId);
    }

    [Fact]
    public async Task A_row_left_sending_is_not_sent_again_without_deduplication_and_is_re_sent_inside_the_window()
    {
        await SaveAsync(Messages.Email("m-5", Ann, Now));
        await SaveInterrupted("m-5");
        var smtpLike = new FakeEmailSender(null, new SendOutcome.Accepted(null));
        using (var dispatcher = shop.Dispatcher(smtpLike))
            await RunUntil(dispatcher, () => Status("m-5") == "unknown" && Recorded("m-5"), "unknown");
        Assert.Empty(smtpLike.Calls);
        Assert.IsType<RecordDeliveryUnknown>((await Customer()).Timeline[^1]);

        await SaveAsync(Messages.Email("m-6", ProfileKey.ForCustomer("c-bob"), Now));
        await SaveInterrupted("m-6");
        var acsLike = new FakeEmailSender(Duration.FromHours(1), new SendOutcome.Accepted("op-6"));
        using (var dispatcher = shop.Dispatcher(acsLike))
            await RunUntil(dispatcher, () => Status("m-6") == "delivered" && Recorded("m-6"), "re-sent and delivered");
        Assert.Equal(["m-6"], acsLike.Calls);
    }

    /// <summary>What a process that died mid-call leaves: the row claimed as sending, its delivery record saying so.</summary>
    async Task SaveInterrupted(string messageId)
    {
        var message = Messages.Email(messageId, Ann, Now);
        var claimed = (DeliveryStep.Send)DeliveryMachine.Next(DeliveryProgress.Start(message, Now), Now, null, Duration.Zero);
        await shop.Database.WriteAsync(session =>
            OutboxQueue.Save(session, messageId, OutboxStatus.Sending, claimed.Progress, Now.ToUnixTimeTicks(), null, null), CancellationToken.None);
    }
}
