using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Email;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using NodaTime;
using static JourneyTriggers.Azure.Tests.Email.AcsEmailTestClients;

namespace JourneyTriggers.Azure.Tests.Email;

public sealed class AcsEmailSenderTests
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    static Application.Messages.OutboundMessage Reminder(string id = "m-1", Instant? at = null) =>
        Messages.Email(id, Ann, at ?? SystemClock.Instance.GetCurrentInstant());

    [Fact]
    public async Task Succeeded_is_accepted_under_the_operation_id_derived_from_the_message_id()
    {
        await using var fake = await AcsEmailFake.StartAsync();

        var outcome = await Sender(fake).SendAsync(Reminder("m-ok"));

        var accepted = Assert.IsType<SendOutcome.Accepted>(outcome);
        Assert.Equal(SendIds.Operation("m-ok").ToString("D"), accepted.ProviderMessageId);
        var email = Assert.Single(fake.Emails);
        Assert.Equal(["ann@example.test"], email.To);
        Assert.Equal(SenderAddress, email.Sender);
        Assert.Equal("<https://shop.example/unsubscribe?token=t-1>", email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(SendIds.Repeatability("m-ok").ToString("D"), email.RepeatabilityRequestId);
    }

    [Fact]
    public async Task Asked_afterwards_ACS_settles_a_send_by_its_final_status_and_an_operation_it_has_no_record_of_stays_unknown()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var sender = Sender(fake);
        fake.Then(new SendScript.Accept(), new SendScript.Accept(Final: "Failed", ErrorCode: "EmailDroppedAllRecipientsSuppressed", ErrorMessage: "suppressed"));
        await sender.SendAsync(Reminder("m-went"));
        await sender.SendAsync(Reminder("m-dropped"));

        var went = Assert.IsType<SendOutcome.Accepted>(await sender.LookUpAsync(Reminder("m-went")));
        var dropped = Assert.IsType<SendOutcome.Refused>(await sender.LookUpAsync(Reminder("m-dropped")));
        var never = Assert.IsType<SendOutcome.Unknown>(await sender.LookUpAsync(Reminder("m-never")));

        Assert.Equal(SendIds.Operation("m-went").ToString("D"), went.ProviderMessageId);
        Assert.Contains("EmailDroppedAllRecipientsSuppressed", dropped.Reason);
        Assert.Equal($"ACS has no record of operation {SendIds.Operation("m-never"):D}", never.Reason);
        Assert.Equal(2, fake.Emails.Count);
        Assert.Equal(2, fake.SendRequests);
    }

    [Fact]
    public async Task Sending_the_same_message_again_inside_the_window_makes_no_second_email()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var sender = Sender(fake);
        var message = Reminder("m-twice");

        var first = await sender.SendAsync(message);
        var again = await sender.SendAsync(message);

        Assert.Equal(first, again);
        Assert.Equal(2, fake.SendRequests);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task A_final_Failed_status_is_a_refusal_with_the_providers_reason()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Accept(Final: "Failed", ErrorCode: "EmailDroppedAllRecipientsSuppressed", ErrorMessage: "ann@example.test is suppressed."));

        var refused = Assert.IsType<SendOutcome.Refused>(await Sender(fake).SendAsync(Reminder()));

        Assert.Contains("Failed", refused.Reason);
        Assert.Contains("EmailDroppedAllRecipientsSuppressed", refused.Reason);
        Assert.Contains("[address] is suppressed.", refused.Reason);
        Assert.DoesNotContain("ann@example.test", refused.Reason);
    }

    [Fact]
    public async Task A_4xx_is_a_final_refusal()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Refuse(400, "DomainNotLinked", "The sender domain is not linked."));

        var refused = Assert.IsType<SendOutcome.Refused>(await Sender(fake).SendAsync(Reminder()));

        Assert.Contains("400", refused.Reason);
        Assert.Contains("DomainNotLinked", refused.Reason);
        Assert.Equal(1, fake.SendRequests);
        Assert.Empty(fake.Emails);
    }

    [Fact]
    public async Task Throttling_past_the_retries_is_not_sent_with_the_providers_retry_after()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Throttle(RetryAfterSeconds: 1);

        var notSent = Assert.IsType<SendOutcome.NotSent>(await Sender(fake).SendAsync(Reminder()));

        Assert.Equal(Duration.FromSeconds(1), notSent.RetryAfter);
        Assert.Contains("429", notSent.Reason);
        Assert.Empty(fake.Emails);
    }

    [Fact]
    public async Task Unavailable_past_the_retries_is_not_sent()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Fail(503);

        Assert.IsType<SendOutcome.NotSent>(await Sender(fake).SendAsync(Reminder()));
    }

    [Fact]
    public async Task An_internal_error_past_the_retries_is_unknown()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Fail(500);

        Assert.IsType<SendOutcome.Unknown>(await Sender(fake).SendAsync(Reminder()));
    }

    [Fact]
    public async Task Timeouts_past_the_retries_are_unknown()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Hang(TakesEmail: false);

        var unknown = Assert.IsType<SendOutcome.Unknown>(
            await Sender(fake, Options(fake, networkTimeout: TimeSpan.FromMilliseconds(300))).SendAsync(Reminder()));

        Assert.Contains("no answer", unknown.Reason);
    }

    [Fact]
    public async Task A_timed_out_try_that_the_service_took_is_answered_by_its_repeat_and_accepted_once()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Hang(TakesEmail: true));

        // The first try hangs for good, whatever the timeout; the timeout only has to leave the repeat, on a new
        // connection, time to be answered on a busy machine.
        var outcome = await Sender(fake, Options(fake, networkTimeout: TimeSpan.FromSeconds(2))).SendAsync(Reminder("m-hang"));

        Assert.IsType<SendOutcome.Accepted>(outcome);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task A_refused_connection_is_not_sent()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        var client = new AcsEmailClient(closed, new global::Azure.AzureKeyCredential(Convert.ToBase64String(new byte[32])), Options());
        var sender = new AcsEmailSender(client, SenderAddress, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AcsEmailSender>.Instance);

        Assert.IsType<SendOutcome.NotSent>(await sender.SendAsync(Reminder()));
    }

    [Fact]
    public async Task An_accepted_email_whose_status_never_becomes_final_is_unknown()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        // 100 reads of Running a second apart outlast the call timeout by far; the timeout itself must leave the first
        // send time to be answered even on a busy machine (1.5 s did not: the send timed out, a different outcome).
        fake.Then(new SendScript.Accept(RunningReads: 100));

        var unknown = Assert.IsType<SendOutcome.Unknown>(
            await Sender(fake, Options(fake, callTimeout: TimeSpan.FromSeconds(5))).SendAsync(Reminder("m-slow")));

        Assert.Contains(SendIds.Operation("m-slow").ToString("D"), unknown.Reason);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task A_repeat_later_than_the_providers_tracking_is_unknown_never_a_second_email()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var at = Instant.FromDateTimeOffset(now.AddMinutes(-6));
        // Our clock lags the service's by three minutes: inside our window, outside ACS's.
        var lagging = ClockAt(now.AddMinutes(-3));

        var unknown = Assert.IsType<SendOutcome.Unknown>(await Sender(fake, time: lagging).SendAsync(Reminder("m-old", at)));

        Assert.Contains("412", unknown.Reason);
        Assert.Empty(fake.Emails);
    }

    [Fact]
    public async Task A_late_first_attempt_dates_itself_now_and_goes_out()
    {
        await using var fake = await AcsEmailFake.StartAsync();

        var outcome = await Sender(fake).SendAsync(Reminder("m-late", SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(30)));

        Assert.IsType<SendOutcome.Accepted>(outcome);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task Cancellation_propagates_instead_of_becoming_an_outcome()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Hang(TakesEmail: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender(fake, Options(fake, networkTimeout: TimeSpan.FromSeconds(20))).SendAsync(Reminder(), cancel.Token));
    }

    [Fact]
    public void The_deduplication_window_stays_inside_the_documented_five_minutes()
    {
        var window = new AcsEmailSender(new AcsEmailClient(new Uri("https://x.communication.azure.com"),
                new global::Azure.AzureKeyCredential(Convert.ToBase64String(new byte[32]))), SenderAddress, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AcsEmailSender>.Instance).DeduplicationWindow;

        Assert.NotNull(window);
        Assert.True(window > Duration.Zero && window < Duration.FromMinutes(5));
    }

    [Fact]
    public async Task A_push_message_is_a_programming_error()
    {
        await using var fake = await AcsEmailFake.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Sender(fake).SendAsync(Messages.Push("m-push", Ann, Instant.FromUnixTimeSeconds(0))));
    }
}
