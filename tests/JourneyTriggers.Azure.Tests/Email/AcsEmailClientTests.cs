using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Text;
using Azure;
using Azure.Core.Diagnostics;
using JourneyTriggers.Azure.Email;
using static JourneyTriggers.Azure.Tests.Email.AcsEmailTestClients;

namespace JourneyTriggers.Azure.Tests.Email;

public sealed class AcsEmailClientTests
{
    [Fact]
    public async Task A_send_signed_with_the_access_key_is_polled_to_Succeeded_honouring_retry_after()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Accept(RunningReads: 2));
        var operationId = Guid.NewGuid();
        var message = Message("bob@example.test");
        var clock = Stopwatch.StartNew();

        var result = await Hmac(fake).SendAsync(WaitUntil.Completed,
            new AcsEmailMessage(message.SenderAddress, message.RecipientAddress, message.Subject, message.PlainText, message.Html)
            {
                Headers = message.Headers,
                Repeatability = message.Repeatability,
                OperationId = operationId,
            });

        Assert.Equal(EmailSendStatus.Succeeded, result.Value.Status);
        Assert.Equal(operationId.ToString("D"), result.Value.Id);
        Assert.Equal(200, result.GetRawResponse().Status);
        Assert.Equal(3, fake.StatusReads);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"two Running reads with retry-after: 1 took only {clock.Elapsed}");
        var email = Assert.Single(fake.Emails);
        Assert.Equal(result.Value.Id, email.OperationId);
        Assert.Equal(SenderAddress, email.Sender);
        Assert.Equal(["bob@example.test"], email.To);
        Assert.Equal("You left something behind", email.Subject);
        Assert.Equal("Your cart is waiting.", email.PlainText);
        Assert.Equal("<p>Your cart is waiting.</p>", email.Html);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("<https://shop.example/u?t=1>", email.Headers["List-Unsubscribe"]);
        Assert.Equal(message.Repeatability!.Value.RequestId.ToString("D"), email.RepeatabilityRequestId);
        Assert.Empty(fake.Rejections);
    }

    [Fact]
    public async Task Started_returns_the_accepted_operation_without_polling()
    {
        await using var fake = await AcsEmailFake.StartAsync();

        var result = await Hmac(fake).SendAsync(WaitUntil.Started, Message());

        Assert.Equal(202, result.GetRawResponse().Status);
        Assert.Equal(EmailSendStatus.Running, result.Value.Status);
        Assert.Equal(0, fake.StatusReads);
        var read = await Hmac(fake).GetSendResultAsync(result.Value.Id);
        Assert.Equal(EmailSendStatus.Running, read.Value.Status);
        var final = await Hmac(fake).WaitForCompletionAsync(result.Value.Id);
        Assert.Equal(EmailSendStatus.Succeeded, final.Value.Status);
    }

    [Fact]
    public async Task An_Entra_ID_token_for_the_communication_scope_is_accepted_over_https()
    {
        await using var fake = await AcsEmailFake.StartAsync(https: true);
        fake.AcceptedTokens.Add("entra-token-1");
        var credential = new TestTokenCredential("entra-token-1", AcsEmailClient.Scope);
        var client = new AcsEmailClient(fake.Endpoint, credential, Options(fake));

        var result = await client.SendAsync(WaitUntil.Completed, Message());

        Assert.Equal(EmailSendStatus.Succeeded, result.Value.Status);
        Assert.Contains("https://communication.azure.com//.default", credential.RequestedScopes);
        Assert.Single(fake.Emails);
        Assert.Empty(fake.Rejections);
    }

    [Fact]
    public async Task A_token_the_service_does_not_know_is_a_401_with_the_service_error_code()
    {
        await using var fake = await AcsEmailFake.StartAsync(https: true);
        var client = new AcsEmailClient(fake.Endpoint, new TestTokenCredential("stolen", AcsEmailClient.Scope), Options(fake));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(WaitUntil.Completed, Message()));

        Assert.Equal(401, failure.Status);
        Assert.Equal("Denied", failure.ErrorCode);
        Assert.Empty(fake.Emails);
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_by_the_signature_check()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var client = new AcsEmailClient(fake.Endpoint, new AzureKeyCredential(Convert.ToBase64String(new byte[32])), Options(fake));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(WaitUntil.Completed, Message()));

        Assert.Equal(401, failure.Status);
        Assert.Equal(["signature mismatch"], fake.Rejections);
        Assert.Empty(fake.Emails);
    }

    [Fact]
    public async Task A_refusal_carries_status_code_and_message_with_addresses_removed()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Refuse(400, "InvalidRecipient", "Recipient bob@example.test is not a valid address."));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Hmac(fake).SendAsync(WaitUntil.Completed, Message("bob@example.test")));

        Assert.Equal(400, failure.Status);
        Assert.Equal("InvalidRecipient", failure.ErrorCode);
        Assert.Contains("Recipient [address] is not a valid address.", failure.Message);
        Assert.DoesNotContain("bob@example.test", failure.Message);
        Assert.Equal(1, fake.SendRequests);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_services_Retry_After()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Throttle(RetryAfterSeconds: 1));
        var clock = Stopwatch.StartNew();

        var result = await Hmac(fake).SendAsync(WaitUntil.Started, Message());

        Assert.Equal(202, result.GetRawResponse().Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}, before Retry-After: 1");
        Assert.Equal(2, fake.SendRequests);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_a_last_one_is_typed_with_whether_the_service_may_have_acted()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Fail(503));
        Assert.Equal(202, (await Hmac(fake).SendAsync(WaitUntil.Started, Message())).GetRawResponse().Status);

        fake.Default = new SendScript.Fail(503);
        var unavailable = await Assert.ThrowsAsync<RequestFailedException>(() => Hmac(fake).SendAsync(WaitUntil.Started, Message()));
        Assert.Equal(503, unavailable.Status);
        Assert.Equal(false, unavailable.Data[AcsEmailClient.MayHaveReachedServiceKey]);

        fake.Default = new SendScript.Fail(500);
        var broken = await Assert.ThrowsAsync<RequestFailedException>(() => Hmac(fake).SendAsync(WaitUntil.Started, Message()));
        Assert.Equal(500, broken.Status);
        Assert.Equal(true, broken.Data[AcsEmailClient.MayHaveReachedServiceKey]);
        Assert.Equal(2 + 3 + 3, fake.SendRequests);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task A_hanging_try_times_out_and_the_repeat_returns_the_first_answer_without_a_second_email()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Then(new SendScript.Hang(TakesEmail: true));

        // The first try hangs for good, whatever the timeout; the timeout only has to leave the repeat, on a new
        // connection, time to be answered on a busy machine.
        var result = await Hmac(fake, Options(fake, networkTimeout: TimeSpan.FromSeconds(2))).SendAsync(WaitUntil.Completed, Message());

        Assert.Equal(EmailSendStatus.Succeeded, result.Value.Status);
        Assert.True(fake.SendRequests >= 2);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task A_service_that_never_answers_is_a_typed_failure_that_may_have_reached_it()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Hang(TakesEmail: false);

        // Every try hangs, whatever the timeout; 2 s leaves each time to reach the fake, which counts a try only once it
        // has read and authenticated it (a try cut off before that would go uncounted).
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Hmac(fake, Options(fake, networkTimeout: TimeSpan.FromSeconds(2))).SendAsync(WaitUntil.Started, Message()));

        Assert.Equal(0, failure.Status);
        Assert.Equal(AcsEmailClient.NoAnswerErrorCode, failure.ErrorCode);
        Assert.Equal(true, failure.Data[AcsEmailClient.MayHaveReachedServiceKey]);
        // The last try may be counted just after the client gave up on it; a fourth would have been sent before.
        await Eventually.Holds(() => fake.SendRequests >= 3, what: $"3 tries reached the fake ({fake.SendRequests})");
        Assert.Equal(3, fake.SendRequests);
    }

    [Fact]
    public async Task A_refused_connection_surely_did_not_reach_the_service()
    {
        var closedPort = LoopbackPorts.Free();
        var client = new AcsEmailClient(new Uri($"http://127.0.0.1:{closedPort}/"), new AzureKeyCredential(Convert.ToBase64String(new byte[32])), Options());

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(WaitUntil.Started, Message()));

        Assert.Equal(AcsEmailClient.NoAnswerErrorCode, failure.ErrorCode);
        Assert.Equal(false, failure.Data[AcsEmailClient.MayHaveReachedServiceKey]);
    }

    [Fact]
    public async Task The_call_timeout_bounds_every_try_and_back_off_together()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Hang(TakesEmail: false);
        var client = Hmac(fake, Options(fake, networkTimeout: TimeSpan.FromSeconds(20), callTimeout: TimeSpan.FromSeconds(1)));
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(WaitUntil.Completed, Message()));

        Assert.Equal(AcsEmailClient.CallTimeoutErrorCode, failure.ErrorCode);
        Assert.Contains("CallTimeout", failure.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_call_timeout_also_bounds_polling()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        // 100 reads of Running outlast the call timeout by far; the timeout itself must leave the send time to be
        // answered on a busy machine, or the call times out before polling starts (as the sender's test saw in CI).
        fake.Then(new SendScript.Accept(RunningReads: 100));
        var client = Hmac(fake, Options(fake, callTimeout: TimeSpan.FromSeconds(5)));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(WaitUntil.Completed, Message()));

        Assert.Equal(AcsEmailClient.CallTimeoutErrorCode, failure.ErrorCode);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_cancellation_not_a_failure()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        fake.Default = new SendScript.Hang(TakesEmail: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Hmac(fake, Options(fake, networkTimeout: TimeSpan.FromSeconds(20))).SendAsync(WaitUntil.Completed, Message(), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_first_sent_older_than_the_tracked_duration_is_412()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var stale = new RepeatableRequest(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-6));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Hmac(fake).SendAsync(WaitUntil.Started, Message(repeatability: stale)));

        Assert.Equal(412, failure.Status);
        Assert.Empty(fake.Emails);
    }

    [Fact]
    public async Task The_same_repeatability_id_twice_makes_one_email()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var once = new RepeatableRequest(Guid.NewGuid(), DateTimeOffset.UtcNow);

        var first = await Hmac(fake).SendAsync(WaitUntil.Completed, Message(repeatability: once));
        var second = await Hmac(fake).SendAsync(WaitUntil.Completed, Message(repeatability: once));

        Assert.Equal(first.Value.Id, second.Value.Id);
        Assert.Equal(2, fake.SendRequests);
        Assert.Single(fake.Emails);
    }

    [Fact]
    public async Task Pipeline_logs_name_no_address_key_signature_or_token()
    {
        await using var fake = await AcsEmailFake.StartAsync(https: true);
        await using var plain = await AcsEmailFake.StartAsync();
        fake.AcceptedTokens.Add("entra-token-secret");
        var logs = new StringBuilder();
        using (new AzureEventSourceListener((e, text) => { lock (logs) logs.AppendLine(text).AppendLine(string.Join(' ', e.Payload ?? [])); }, EventLevel.Verbose))
        {
            await new AcsEmailClient(fake.Endpoint, new TestTokenCredential("entra-token-secret", AcsEmailClient.Scope), Options(fake))
                .SendAsync(WaitUntil.Completed, Message("secret.person@example.test"));
            await Hmac(plain).SendAsync(WaitUntil.Completed, Message("secret.person@example.test"));
        }

        var text = logs.ToString();
        Assert.Contains("emails:send", text);
        Assert.DoesNotContain("secret.person", text);
        Assert.DoesNotContain("entra-token-secret", text);
        Assert.DoesNotContain(plain.AccessKey, text);
        Assert.DoesNotContain("Signature=", text);
        Assert.DoesNotContain("You left something behind", text);
    }

    [Fact]
    public void Content_logging_is_refused_because_it_would_log_addresses()
    {
        var options = Options();
        options.Diagnostics.IsLoggingContentEnabled = true;

        var refused = Assert.Throws<ArgumentException>(() =>
            new AcsEmailClient(new Uri("https://x.communication.azure.com"), new AzureKeyCredential(Convert.ToBase64String(new byte[32])), options));

        Assert.Contains("IsLoggingContentEnabled", refused.Message);
    }
}
