using System.Text.Json;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Delivery;

/// <summary>
/// The Azure host hands each reminder to its sender with the delivery state machine (DESIGN 4.6): the
/// record blob says "sending" before the call, a retry never sends twice unless the provider deduplicates,
/// and the verdict lands on the customer's timeline and effect log once.
/// </summary>
[Collection(AzureServersCollection.Name)]
public sealed class ProviderDeliveryTests(AzureServers servers)
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    readonly FakeTimeProvider clock = new(Now.ToDateTimeOffset());

    [Fact]
    public async Task An_accepted_email_is_sent_once_and_recorded_delivered_on_the_timeline_and_effect_log()
    {
        var email = new CountingEmailSender(null, Answers.Accepted);
        await using var rig = await RigAsync(email);

        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)])));
        var stored = await rig.Store.FindAsync(Ann);

        Assert.Equal(1, email.Calls);
        var outcome = Assert.IsType<RecordDelivered>(Assert.Single(stored!.State.Timeline));
        Assert.Equal(("m-1", "provider-1"), (outcome.MessageId, outcome.ProviderMessageId));
        Assert.Equal(["c-ann/m-1.delivery.json", "c-ann/m-1.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Equal("accepted", (await RecordAsync(rig, "m-1")).GetProperty("targets")[0].GetProperty("status").GetString());
        Assert.Contains("\"type\":\"message.delivered\"", await EffectLogAsync(rig));
        // The message left the document with the verdict; the logging of the verdict is marked done.
        Assert.True(await rig.NoWorkUndoneAsync("c-ann"));
        Assert.Equal(1, await CountedAsync(rig, MetricMeasure.MessageDelivered));

        // Saved again: nothing is sent again, nothing recorded twice.
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, stored.ETag) with { State = stored.State }));
        Assert.Equal(1, email.Calls);
        Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline);
    }

    [Fact]
    public async Task Delivery_logs_name_the_customer_by_pseudonym_never_by_id()
    {
        var customer = ProfileKey.ForCustomer("ann.lee@example.test");
        var pseudonyms = CustomerPseudonyms.DerivedFrom(UnsubscribeTokens.GenerateKey());
        var logs = new CapturedLogs();
        var email = new CountingEmailSender(null, Answers.Accepted);
        await using var rig = await Rig.CreateAsync(servers, services =>
        {
            services.AddSingleton<IEmailSender>(email);
            services.AddSingleton(pseudonyms);
            services.AddSingleton<ILoggerProvider>(logs);
        }, time: clock);

        Assert.True(await rig.Store.TrySaveAsync(Change(customer, 1, null, [], [Messages.Email("m-1", customer, Now)])));

        Assert.Contains(logs.Lines, l => l.Contains("Reminder m-1 for customer " + pseudonyms.Of(customer) + " settled", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("ann.lee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_email_is_recorded_failed_with_the_providers_reason()
    {
        var email = new CountingEmailSender(null, () => new SendOutcome.Refused("recipient address rejected"));
        await using var rig = await RigAsync(email);

        await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]));

        var failed = Assert.IsType<RecordDeliveryFailed>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.Equal("recipient address rejected", failed.Reason);
        Assert.Equal(1, email.Calls);
        Assert.Equal(1, await CountedAsync(rig, MetricMeasure.MessageFailed));
        Assert.Equal(0, await CountedAsync(rig, MetricMeasure.MessageDelivered));
    }

    [Fact]
    public async Task Not_taken_waits_for_a_wake_up_of_its_own_and_holds_up_neither_the_save_nor_the_customer()
    {
        var email = new CountingEmailSender(null, () => new SendOutcome.NotSent("throttled", Duration.FromMinutes(2)), Answers.Accepted);
        await using var rig = await RigAsync(email);

        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]) with { State = Reachable(1) }));
        Assert.Equal("pending", (await RecordAsync(rig, "m-1")).GetProperty("targets")[0].GetProperty("status").GetString());
        Assert.Equal(1, await WakeUpsQueuedAsync(rig));

        // Meanwhile the customer loads and saves as usual, and nothing is sent.
        var stored = await rig.Store.FindAsync(Ann);
        Assert.Empty(stored!.State.Timeline);
        Assert.True(await rig.NoWorkUndoneAsync("c-ann"));
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, stored.ETag) with { State = Reachable(2) }));
        Assert.Equal(1, email.Calls);

        // Woken up early (the queue's clock is not ours): still waiting, and woken up again later.
        Assert.Equal(DeferredDeliveryOutcome.StillWaiting, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));
        Assert.Equal((1, 2), (email.Calls, await WakeUpsQueuedAsync(rig)));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(DeferredDeliveryOutcome.Settled, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        Assert.Equal(2, email.Calls);
        Assert.IsType<RecordDelivered>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.Equal(1, await CountedAsync(rig, MetricMeasure.MessageDelivered));

        // The wake-up delivered twice (at least once, like every queue message): nothing sent or recorded again.
        Assert.Equal(DeferredDeliveryOutcome.Settled, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));
        Assert.Equal(2, email.Calls);
        Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline);
    }

    [Fact]
    public async Task A_waiting_reminder_whose_customer_revoked_consent_meanwhile_is_withdrawn_and_never_sent()
    {
        var email = new CountingEmailSender(null, () => new SendOutcome.NotSent("throttled", null), Answers.Accepted);
        await using var rig = await RigAsync(email);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]) with { State = Reachable(1) }));

        var stored = await rig.Store.FindAsync(Ann);
        var revoked = Engine.Decide(stored!.State, new ConsentUpdated(new TouchpointId("t-revoke"), Ann.Owner, Now + Duration.FromSeconds(10), "web", false, null), Now).State;
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, stored.ETag) with { State = revoked }));
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(DeferredDeliveryOutcome.Withdrawn, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        Assert.Equal(1, email.Calls);
        var failed = Assert.IsType<RecordDeliveryFailed>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.StartsWith("withdrawn before the provider took it: the customer can no longer be reached by email", failed.Reason, StringComparison.Ordinal);
        Assert.Equal("refused", (await RecordAsync(rig, "m-1")).GetProperty("targets")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_wake_up_for_an_erased_customer_finds_nothing_to_send()
    {
        var email = new CountingEmailSender(null, () => new SendOutcome.NotSent("throttled", null), Answers.Accepted);
        await using var rig = await RigAsync(email);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]) with { State = Reachable(1) }));

        await rig.Store.EraseAsync(Ann);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(DeferredDeliveryOutcome.Gone, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));
        Assert.Equal(1, email.Calls);
    }

    [Fact]
    public async Task An_installation_the_provider_reports_gone_is_removed_and_the_push_delivered_on_the_other()
    {
        var push = new CountingPushSender(id => id == "inst-2" ? new SendOutcome.InstallationGone(id, "installation not found") : new SendOutcome.Accepted("n-1"));
        await using var rig = await RigAsync(null, push);
        var registered = Version(Ann, 1) with
        {
            Profile = Version(Ann, 1).Profile.Register(new PushInstallation("inst-1", "fcmv1", null)).Register(new PushInstallation("inst-2", "apple", null)),
        };

        await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Push("m-1", Ann, Now)]) with { State = registered });
        var stored = (await rig.Store.FindAsync(Ann))!.State;

        Assert.Equal(new Dictionary<string, int> { ["inst-1"] = 1, ["inst-2"] = 1 }, push.Calls);
        Assert.Equal(["inst-1"], stored.Profile.Installations.Select(i => i.InstallationId));
        Assert.IsType<RecordDelivered>(Assert.Single(stored.Timeline));
    }

    [Fact]
    public async Task A_push_whose_caller_is_cancelled_mid_call_is_finished_and_recorded_not_left_unknown()
    {
        // The batch's loop cancels this customer's work (another customer failed) while the hub is being called.
        using var batch = new CancellationTokenSource();
        var push = new CancellationObservingPushSender(batch);
        await using var rig = await RigAsync(null, push);
        var registered = Version(Ann, 1) with { Profile = Version(Ann, 1).Profile.Register(new PushInstallation("inst-1", "fcmv1", null)) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Push("m-1", Ann, Now)]) with { State = registered }, batch.Token));
        Assert.Equal("accepted", (await RecordAsync(rig, "m-1")).GetProperty("targets")[0].GetProperty("status").GetString());

        // The batch's retry loads the customer: the second device gets it, the first is not sent again, and it is delivered.
        Assert.IsType<RecordDelivered>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.Equal(new Dictionary<string, int> { ["inst-1"] = 1, ["inst-2"] = 1 }, push.Calls);
    }

    /// <summary>Cancels its caller during the call, then behaves as an HTTP client does: a cancelled token ends the call unanswered.</summary>
    sealed class CancellationObservingPushSender(CancellationTokenSource caller) : IPushSender
    {
        public Dictionary<string, int> Calls { get; } = [];

        public Task<SendOutcome> SendAsync(Application.Messages.OutboundMessage message, string installationId, CancellationToken cancellationToken = default)
        {
            Calls[installationId] = Calls.GetValueOrDefault(installationId) + 1;
            caller.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<SendOutcome>(new SendOutcome.Accepted("n-1"));
        }
    }

    [Fact]
    public async Task A_crash_during_the_call_to_a_provider_that_does_not_deduplicate_is_unknown_once_the_call_could_have_ended_and_never_sent_again()
    {
        var email = new CountingEmailSender(null, Answers.Crash, Answers.Accepted);
        await using var rig = await RigAsync(email);

        await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]) with { State = Reachable(1) }));
        Assert.Equal("sending", (await RecordAsync(rig, "m-1")).GetProperty("targets")[0].GetProperty("status").GetString());

        // The retry cannot tell a crash from a call still running elsewhere: it leaves the call its time, and the customer is not held up.
        Assert.Empty((await rig.Store.FindAsync(Ann))!.State.Timeline);
        Assert.True(await rig.NoWorkUndoneAsync("c-ann"));
        Assert.Equal(DeferredDeliveryOutcome.StillWaiting, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        clock.Advance(CallLimit(rig));
        Assert.Equal(DeferredDeliveryOutcome.Settled, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        Assert.Equal(1, email.Calls);
        var unknown = Assert.IsType<RecordDeliveryUnknown>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.Equal("interrupted while sending", unknown.Reason);
        Assert.Contains("\"type\":\"message.unknown\"", await EffectLogAsync(rig));
    }

    [Fact]
    public async Task A_wake_up_arriving_while_another_attempt_waits_for_the_hub_leaves_it_be_and_records_the_push_delivered()
    {
        var push = new GatedPushSender();
        await using var rig = await RigAsync(null, push);

        // The first attempt (a batch's save) is in its call to the hub when a second one (a redelivered wake-up) arrives.
        var first = await InTheHubsCallAsync(rig, push);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DeferredDeliveryOutcome.StillWaiting, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));
        Assert.Equal("sending", (await RecordAsync(rig, "m-1")).GetProperty("targets")[0].GetProperty("status").GetString());

        push.Answer.SetResult(new SendOutcome.Accepted("n-1"));
        Assert.True(await first);
        Assert.Equal(1, push.Calls);
        clock.Advance(CallLimit(rig));
        Assert.Equal(DeferredDeliveryOutcome.Settled, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        Assert.Equal(1, push.Calls);
        Assert.IsType<RecordDelivered>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
    }

    [Fact]
    public async Task A_wake_up_that_finds_consent_revoked_while_another_attempt_is_in_its_call_leaves_that_call_its_answer()
    {
        var push = new GatedPushSender();
        await using var rig = await RigAsync(null, push);
        var first = await InTheHubsCallAsync(rig, push);

        // The customer revokes push meanwhile, and a second attempt at the reminder arrives while the hub is still answering.
        var stored = (await rig.Store.FindAsync(Ann))!;
        var revoked = Engine.Decide(stored.State, new ConsentUpdated(new TouchpointId("t-revoke"), Ann.Owner, Now + Duration.FromSeconds(10), "ios", null, false), Now).State;
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, stored.ETag) with { State = revoked }));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DeferredDeliveryOutcome.StillWaiting, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        push.Answer.SetResult(new SendOutcome.Accepted("n-1"));
        Assert.True(await first);
        clock.Advance(CallLimit(rig));
        Assert.Equal(DeferredDeliveryOutcome.Settled, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));

        // It went out before the revocation could stop it, and is recorded as what it was.
        Assert.Equal(1, push.Calls);
        Assert.IsType<RecordDelivered>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline, e => e is RecordDelivered or RecordDeliveryUnknown));
    }

    [Fact]
    public async Task A_provider_that_never_answers_is_given_up_after_the_call_timeout_and_the_push_recorded_unknown()
    {
        var push = new GatedPushSender();
        await using var rig = await RigAsync(null, push);
        var registered = Version(Ann, 1) with { Profile = Version(Ann, 1).Profile.Register(new PushInstallation("inst-1", "fcmv1", null)) };

        var save = rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [ToOneDevice("m-1")]) with { State = registered });
        await push.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(rig.Options.DeliveryCallTimeout);
        Assert.True(await save.WaitAsync(TimeSpan.FromSeconds(30)));

        var unknown = Assert.IsType<RecordDeliveryUnknown>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.Equal("no answer from the provider within 300 s (Delivery__CallTimeout)", unknown.Reason);
        Assert.Equal(1, push.Calls);
    }

    /// <summary>Saves a push reminder to Ann's one device (reachable) and returns the save once its call to the hub has begun.</summary>
    static async Task<Task<bool>> InTheHubsCallAsync(Rig rig, GatedPushSender push)
    {
        var reachable = Reachable(1);
        reachable = reachable with { Profile = reachable.Profile.Register(new PushInstallation("inst-1", "fcmv1", null)) };
        var save = rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [ToOneDevice("m-1")]) with { State = reachable });
        await push.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return save;
    }

    static Application.Messages.OutboundMessage ToOneDevice(string messageId)
    {
        var push = Messages.Push(messageId, Ann, Now);
        return push with { Push = push.Push! with { InstallationIds = ["inst-1"] } };
    }

    /// <summary>How long after a claim another attempt leaves the call alone: the call timeout and a minute to write its answer.</summary>
    static TimeSpan CallLimit(Rig rig) => rig.Options.DeliveryCallTimeout + TimeSpan.FromMinutes(1);

    /// <summary>A hub that answers when the test says so, and honours its caller's cancellation as an HTTP client does.</summary>
    sealed class GatedPushSender : IPushSender
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<SendOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls { get; private set; }

        public Task<SendOutcome> SendAsync(Application.Messages.OutboundMessage message, string installationId, CancellationToken cancellationToken = default)
        {
            Calls++;
            Called.TrySetResult();
            return Answer.Task.WaitAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task A_crash_during_the_call_to_a_deduplicating_provider_is_sent_again_inside_its_window_only()
    {
        var inside = new CountingEmailSender(Duration.FromMinutes(4), Answers.Crash, Answers.Accepted);
        await using (var rig = await RigAsync(inside))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)])));
            clock.Advance(TimeSpan.FromMinutes(3));
            Assert.IsType<RecordDelivered>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
            Assert.Equal(2, inside.Calls);
        }

        var outside = new CountingEmailSender(Duration.FromMinutes(4), Answers.Crash, Answers.Accepted);
        await using (var rig = await RigAsync(outside))
        {
            var sentAt = Instant.FromDateTimeOffset(clock.GetUtcNow());
            await Assert.ThrowsAsync<SimulatedCrashException>(() => rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, sentAt)])));
            // Past the window by the time the call could have ended: unknown, not sent again.
            clock.Advance(CallLimit(rig));
            Assert.IsType<RecordDeliveryUnknown>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
            Assert.Equal(1, outside.Calls);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_crash_past_the_window_is_settled_by_what_the_provider_says_when_asked_and_still_never_sent_again(bool answers)
    {
        var email = new RecordKeepingEmailSender(Duration.FromMinutes(4),
            answers ? Answers.Accepted : () => new SendOutcome.Unknown("ACS has no record of operation o-1"), Answers.Crash, Answers.Accepted);
        await using var rig = await RigAsync(email);
        var sentAt = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await Assert.ThrowsAsync<SimulatedCrashException>(() => rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, sentAt)])));

        clock.Advance(CallLimit(rig));
        var recorded = Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline);

        if (answers) Assert.Equal("provider-1", Assert.IsType<RecordDelivered>(recorded).ProviderMessageId);
        else Assert.IsType<RecordDeliveryUnknown>(recorded);
        Assert.Equal((1, 1), (email.Calls, email.LookUps));
    }

    [Fact]
    public async Task Without_a_sender_for_the_channel_the_outbox_is_the_delivery_and_its_verdict_is_on_the_timeline()
    {
        var email = new CountingEmailSender(null, Answers.Accepted);
        await using var rig = await RigAsync(email);

        await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Push("m-1", Ann, Now)]));

        Assert.Equal(["c-ann/m-1.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        var delivered = Assert.IsType<RecordDelivered>(Assert.Single((await rig.Store.FindAsync(Ann))!.State.Timeline));
        Assert.Equal(("m-1", Channel.Push, null), (delivered.MessageId, delivered.Channel, delivered.ProviderMessageId));
        Assert.Equal(0, email.Calls);
    }

    [Fact]
    public async Task A_wake_up_that_finds_the_delivery_record_erased_sends_nothing_and_leaves_no_record()
    {
        var email = new CountingEmailSender(null, () => new SendOutcome.NotSent("throttled", null), Answers.Accepted);
        await using var rig = await RigAsync(email);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]) with { State = Reachable(1) }));

        // An erasure halfway: the record deleted, the message not yet.
        await rig.Blobs.GetBlobContainerClient(rig.Options.Storage.OutboxContainer).DeleteBlobAsync("c-ann/m-1.delivery.json");
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(DeferredDeliveryOutcome.Gone, await rig.Deliveries.ResumeAsync(Ann, "m-1", default));
        Assert.Equal(1, email.Calls);
        Assert.Equal(["c-ann/m-1.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
    }

    static readonly JourneyEngine Engine = new(Rig.Configuration);

    /// <summary>Version <paramref name="n"/> of Ann with an address and email consent, so a late send is not withdrawn.</summary>
    static CustomerState Reachable(long n) => ReachableCustomers.By(Engine, Version(Ann, n), Now);

    /// <summary>Messages on the rig's queue, visible or not: delivery wake-ups wait invisible until they are due.</summary>
    static async Task<int> WakeUpsQueuedAsync(Rig rig) => (await rig.RawQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    Task<Rig> RigAsync(IEmailSender? email, IPushSender? push = null) => Rig.CreateAsync(servers, services =>
    {
        if (email is not null) services.AddSingleton(email);
        if (push is not null) services.AddSingleton(push);
    }, time: clock);

    static async Task<JsonElement> RecordAsync(Rig rig, string messageId)
    {
        var blob = rig.Blobs.GetBlobContainerClient(rig.Options.Storage.OutboxContainer).GetBlobClient($"c-ann/{messageId}.delivery.json");
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        _ = DeliveryProgressJson.Read(bytes);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    static async Task<string> EffectLogAsync(Rig rig)
    {
        var container = rig.Blobs.GetBlobContainerClient(rig.Options.Storage.EffectsContainer);
        var text = new System.Text.StringBuilder();
        foreach (var name in await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer))
            text.Append((await container.GetBlobClient(name).DownloadContentAsync()).Value.Content);
        return text.ToString();
    }

    /// <summary>What the business metrics count of one measure on the day of <see cref="Now"/>, over every trigger, step and channel.</summary>
    static async Task<long> CountedAsync(Rig rig, MetricMeasure measure)
    {
        var day = Now.InUtc().Date;
        return (await rig.Metrics.ReadAsync(day, day)).Rows.Where(row => row.Key.Measure == measure).Sum(row => row.Value.Count);
    }
}
