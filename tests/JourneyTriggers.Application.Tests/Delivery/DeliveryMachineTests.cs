using System.Collections.Immutable;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using NodaTime;

namespace JourneyTriggers.Application.Tests.Delivery;

/// <summary>Every transition of the delivery state machine: given a record, when an attempt or an answer comes, then the next record.</summary>
public sealed class DeliveryMachineTests
{
    static readonly Instant T0 = Instant.FromUtc(2026, 11, 22, 11, 0);
    static readonly DeliveryPolicy Policy = new(3, Duration.FromSeconds(30), Duration.FromHours(1));
    static readonly Duration AcsWindow = Duration.FromMinutes(60);

    static OutboundMessage Message(Channel channel, params string[] installations) => new(
        "m-1", ProfileKey.ForCustomer("c-42"), channel, "abandoned_cart", 1, "cart-reminder-1", "en-US", T0,
        channel == Channel.Email ? new EmailContent("ann@example.test", "s", "h", "t", new Dictionary<string, string>()) : null,
        channel == Channel.Push ? new PushContent(installations, "title", "body", null) : null);

    static DeliveryProgress Email() => DeliveryProgress.Start(Message(Channel.Email), T0);

    static DeliveryProgress Push(params string[] installations) => DeliveryProgress.Start(Message(Channel.Push, installations), T0);

    static DeliveryStep.Send Claim(DeliveryProgress progress, Instant now, Duration? window = null) =>
        Assert.IsType<DeliveryStep.Send>(DeliveryMachine.Next(progress, now, window, Duration.Zero));

    static DeliveryProgress Answer(DeliveryStep.Send send, SendOutcome outcome, Instant now, Duration? window = null) =>
        DeliveryMachine.Settle(send.Progress, send.TargetId, outcome, now, Policy, window);

    [Fact]
    public void Pending_is_claimed_as_sending_before_the_call()
    {
        var send = Claim(Email(), T0);

        Assert.Equal(DeliveryProgress.EmailTarget, send.TargetId);
        Assert.Equal(new DeliveryTarget("email", TargetStatus.Sending, 1, T0, T0, null), send.Progress["email"]);
    }

    [Fact]
    public void Accepted_finishes_delivered_with_the_providers_id()
    {
        var done = DeliveryMachine.Next(Answer(Claim(Email(), T0), new SendOutcome.Accepted("op-1"), T0), T0, null, Duration.Zero);

        Assert.Equal(new DeliveryVerdict.Delivered("op-1"), Assert.IsType<DeliveryStep.Finished>(done).Verdict);
    }

    [Fact]
    public void Refused_finishes_failed_with_the_reason()
    {
        var done = DeliveryMachine.Next(Answer(Claim(Email(), T0), new SendOutcome.Refused("400 InvalidRecipient"), T0), T0, null, Duration.Zero);

        Assert.Equal(new DeliveryVerdict.Failed("400 InvalidRecipient"), Assert.IsType<DeliveryStep.Finished>(done).Verdict);
    }

    [Fact]
    public void Not_sent_waits_for_the_back_off_or_the_providers_retry_after_whichever_is_longer()
    {
        var first = Answer(Claim(Email(), T0), new SendOutcome.NotSent("429", null), T0);
        Assert.Equal(new DeliveryStep.Wait(first, T0 + Duration.FromSeconds(30)), DeliveryMachine.Next(first, T0 + Duration.FromSeconds(29), null, Duration.Zero));

        var hinted = Answer(Claim(Email(), T0), new SendOutcome.NotSent("429", Duration.FromMinutes(5)), T0);
        Assert.Equal(T0 + Duration.FromMinutes(5), hinted.NextAttemptAt);

        var second = Answer(Claim(first, T0 + Duration.FromSeconds(30)), new SendOutcome.NotSent("503", null), T0 + Duration.FromSeconds(30));
        Assert.Equal(T0 + Duration.FromSeconds(90), second.NextAttemptAt);
    }

    [Fact]
    public void Not_sent_at_the_last_attempt_finishes_failed()
    {
        var progress = Email();
        var now = T0;
        for (var attempt = 1; attempt <= Policy.MaxAttempts; attempt++)
        {
            progress = Answer(Claim(progress, now), new SendOutcome.NotSent("503 busy", null), now);
            now += Duration.FromHours(2);
        }

        var done = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(progress, now, null, Duration.Zero));
        Assert.Equal(new DeliveryVerdict.Failed("503 busy (gave up after 3 attempts)"), done.Verdict);
    }

    [Fact]
    public void Unknown_without_deduplication_finishes_unknown_and_is_never_sent_again()
    {
        var done = DeliveryMachine.Next(Answer(Claim(Email(), T0), new SendOutcome.Unknown("timeout"), T0), T0 + Duration.FromDays(1), null, Duration.Zero);

        Assert.Equal(new DeliveryVerdict.Unknown("timeout"), Assert.IsType<DeliveryStep.Finished>(done).Verdict);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_unknown_target_is_settled_by_the_final_status_the_provider_reports_when_asked(bool delivered)
    {
        var unknown = Answer(Claim(Email(), T0), new SendOutcome.Unknown("timeout"), T0);
        SendOutcome found = delivered ? new SendOutcome.Accepted("op-1") : new SendOutcome.Refused("ACS operation op-1 ended Failed");

        var done = DeliveryMachine.Next(DeliveryMachine.LookedUp(unknown, "email", found), T0, null, Duration.Zero);

        Assert.Equal(delivered ? new DeliveryVerdict.Delivered("op-1") : new DeliveryVerdict.Failed("ACS operation op-1 ended Failed"),
            Assert.IsType<DeliveryStep.Finished>(done).Verdict);
    }

    [Fact]
    public void Only_an_unknown_target_is_looked_up_and_only_a_final_status_settles_it()
    {
        var unknown = Answer(Claim(Email(), T0), new SendOutcome.Unknown("timeout"), T0);
        var accepted = Answer(Claim(Email(), T0), new SendOutcome.Accepted("op-1"), T0);

        Assert.Throws<ArgumentException>(() => DeliveryMachine.LookedUp(unknown, "email", new SendOutcome.Unknown("still Running")));
        Assert.Throws<InvalidOperationException>(() => DeliveryMachine.LookedUp(accepted, "email", new SendOutcome.Refused("no")));
    }

    [Fact]
    public void Unknown_inside_the_providers_window_is_sent_again_under_the_same_id()
    {
        var retry = Answer(Claim(Email(), T0), new SendOutcome.Unknown("timeout"), T0, AcsWindow);

        Assert.Equal(TargetStatus.Pending, retry["email"].Status);
        Assert.Equal(2, Claim(retry, T0 + Duration.FromMinutes(1), AcsWindow).Progress["email"].Attempts);
    }

    [Fact]
    public void Unknown_whose_retry_would_fall_past_the_providers_window_is_unknown_at_once()
    {
        var first = Answer(Claim(Email(), T0, Duration.FromSeconds(40)), new SendOutcome.Unknown("500"), T0 + Duration.FromSeconds(20), Duration.FromSeconds(40));

        Assert.Equal(TargetStatus.Unknown, first["email"].Status);
    }

    [Fact]
    public void A_retry_of_an_unknown_outcome_that_wakes_up_past_the_window_is_unknown_and_not_sent()
    {
        var retry = Answer(Claim(Email(), T0, AcsWindow), new SendOutcome.Unknown("500"), T0, AcsWindow);
        Assert.True(retry["email"].MayHaveArrived);
        // Not taken on the retry either; the wake-up after that comes late, past the window.
        var notTaken = Answer(Claim(retry, T0 + Duration.FromMinutes(1), AcsWindow), new SendOutcome.NotSent("429", null), T0 + Duration.FromMinutes(1), AcsWindow);

        var late = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(notTaken, T0 + AcsWindow + Duration.FromMinutes(1), AcsWindow, Duration.Zero));

        Assert.Equal(new DeliveryVerdict.Unknown("429; it may have arrived, and the provider no longer recognises a repeat"), late.Verdict);
    }

    [Fact]
    public void A_withdrawn_message_is_refused_where_never_handed_over_and_unknown_where_it_may_have_arrived()
    {
        var never = DeliveryMachine.Withdraw(Answer(Claim(Email(), T0), new SendOutcome.NotSent("429", null), T0), "consent revoked");
        Assert.Equal(new DeliveryVerdict.Failed("consent revoked"), Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(never, T0, null, Duration.Zero)).Verdict);

        var maybe = DeliveryMachine.Withdraw(Answer(Claim(Email(), T0, AcsWindow), new SendOutcome.Unknown("500"), T0, AcsWindow), "consent revoked");
        Assert.Equal(new DeliveryVerdict.Unknown("consent revoked; an earlier attempt may have arrived"),
            Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(maybe, T0, AcsWindow, Duration.Zero)).Verdict);
    }

    [Fact]
    public void A_send_held_by_quiet_hours_waits_until_they_end_and_an_earlier_hold_changes_nothing()
    {
        var notTaken = Answer(Claim(Email(), T0), new SendOutcome.NotSent("429", null), T0);
        var morning = T0 + Duration.FromHours(9);

        var held = DeliveryMachine.Postpone(notTaken, morning);

        Assert.Equal(new DeliveryStep.Wait(held, morning), DeliveryMachine.Next(held, T0 + Duration.FromHours(1), null, Duration.Zero));
        Assert.Equal(held, DeliveryMachine.Postpone(held, T0 + Duration.FromHours(2)));
    }

    [Fact]
    public void A_withdrawn_push_already_accepted_on_one_device_stays_delivered()
    {
        var progress = DeliveryProgress.Start(Message(Channel.Push, "inst-1", "inst-2"), T0);
        var first = Claim(progress, T0);
        progress = Answer(first, new SendOutcome.Accepted("n-1"), T0);
        progress = Answer(Claim(progress, T0), new SendOutcome.NotSent("throttled", null), T0);

        var withdrawn = DeliveryMachine.Withdraw(progress, "consent revoked");

        Assert.Equal(TargetStatus.Accepted, withdrawn[first.TargetId].Status);
        Assert.Equal(new DeliveryVerdict.Delivered("n-1"), Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(withdrawn, T0, null, Duration.Zero)).Verdict);
    }

    [Fact]
    public void Sending_found_by_a_later_attempt_becomes_unknown_without_deduplication()
    {
        var interrupted = Claim(Email(), T0).Progress;

        var done = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(interrupted, T0 + Duration.FromSeconds(1), null, Duration.Zero));

        Assert.Equal(new DeliveryVerdict.Unknown("interrupted while sending"), done.Verdict);
    }

    [Fact]
    public void Sending_found_inside_the_window_is_sent_again_and_outside_it_becomes_unknown()
    {
        var interrupted = Claim(Email(), T0, AcsWindow).Progress;

        var again = Claim(interrupted, T0 + Duration.FromMinutes(59), AcsWindow);
        Assert.Equal((TargetStatus.Sending, 2, (Instant?)T0), (again.Progress["email"].Status, again.Progress["email"].Attempts, again.Progress["email"].FirstAttemptAt));

        var late = DeliveryMachine.Next(interrupted, T0 + AcsWindow, AcsWindow, Duration.Zero);
        Assert.IsType<DeliveryVerdict.Unknown>(Assert.IsType<DeliveryStep.Finished>(late).Verdict);
    }

    static readonly Duration CallLimit = Duration.FromMinutes(6);

    [Fact]
    public void A_claim_records_until_when_its_call_may_still_be_running()
    {
        var send = Assert.IsType<DeliveryStep.Send>(DeliveryMachine.Next(Push("inst-1"), T0, null, CallLimit));

        Assert.Equal(new DeliveryTarget("inst-1", TargetStatus.Sending, 1, T0, T0 + CallLimit, null), send.Progress["inst-1"]);
    }

    [Fact]
    public void Sending_found_while_its_call_may_still_run_is_waited_for_and_unknown_only_after()
    {
        var claimed = Assert.IsType<DeliveryStep.Send>(DeliveryMachine.Next(Push("inst-1"), T0, null, CallLimit)).Progress;

        Assert.Equal(new DeliveryStep.Wait(claimed, T0 + CallLimit), DeliveryMachine.Next(claimed, T0 + Duration.FromMinutes(1), null, CallLimit));
        var late = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(claimed, T0 + CallLimit, null, CallLimit));
        Assert.Equal(new DeliveryVerdict.Unknown("interrupted while sending"), late.Verdict);
    }

    [Fact]
    public void An_attempt_finding_another_ones_call_in_flight_changes_nothing_in_the_record_until_it_can_have_answered()
    {
        var progress = new DeliveryProgress([
            new DeliveryTarget("inst-1", TargetStatus.Pending, 1, T0, T0, "500", MayHaveArrived: true),
            new DeliveryTarget("inst-2", TargetStatus.Sending, 1, T0, T0 + CallLimit, null),
        ]);

        Assert.Equal(new DeliveryStep.Wait(progress, T0 + CallLimit), DeliveryMachine.Next(progress, T0 + Duration.FromMinutes(2), null, CallLimit));
        Assert.Equal(T0 + CallLimit, DeliveryMachine.CallAwaited(progress, T0 + Duration.FromMinutes(2), null));
        Assert.Null(DeliveryMachine.CallAwaited(progress, T0 + CallLimit, null));
    }

    [Fact]
    public void A_claim_written_by_the_previous_version_is_interrupted_at_once_as_it_was_then()
    {
        // The previous version left the target's last due time in NextAttemptAt, never later than the claim.
        var old = new DeliveryProgress([new DeliveryTarget("inst-1", TargetStatus.Sending, 1, T0, T0, null)]);

        var done = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(old, T0 + Duration.FromSeconds(1), null, CallLimit));

        Assert.Equal(new DeliveryVerdict.Unknown("interrupted while sending"), done.Verdict);
    }

    [Fact]
    public void Sending_found_inside_the_providers_window_is_sent_again_at_once_and_claimed_anew()
    {
        var claimed = Assert.IsType<DeliveryStep.Send>(DeliveryMachine.Next(Email(), T0, AcsWindow, CallLimit)).Progress;

        var again = Assert.IsType<DeliveryStep.Send>(DeliveryMachine.Next(claimed, T0 + Duration.FromMinutes(1), AcsWindow, CallLimit));

        Assert.Equal((2, T0 + Duration.FromMinutes(1) + CallLimit, true),
            (again.Progress["email"].Attempts, again.Progress["email"].NextAttemptAt, again.Progress["email"].MayHaveArrived));
    }

    /// <summary>
    /// A second attempt arriving at any moment of the first one's call (each call within the limit) waits for it, and then
    /// records what the provider answered the first: a push that arrived is never recorded unknown, nor sent twice.
    /// </summary>
    [Fact]
    public void A_second_attempt_during_the_first_ones_call_waits_for_its_answer()
    {
        var answers = Gen.OneOf(
            Gen.Const<SendOutcome>(new SendOutcome.Accepted("n-1")),
            Gen.Const<SendOutcome>(new SendOutcome.Refused("400")),
            Gen.Const<SendOutcome>(new SendOutcome.InstallationGone("inst-1", "410")));
        var callSeconds = (int)(CallLimit.TotalSeconds - 60);
        Gen.Select(answers, Gen.Int[0, callSeconds], Gen.Double[0, 1]).Sample((answer, call, arrival) =>
        {
            var first = Assert.IsType<DeliveryStep.Send>(DeliveryMachine.Next(Push("inst-1"), T0, null, CallLimit));
            var secondAt = T0 + Duration.FromSeconds(call * arrival);
            if (DeliveryMachine.Next(first.Progress, secondAt, null, CallLimit) is not DeliveryStep.Wait wait) return false;

            var answered = DeliveryMachine.Settle(first.Progress, first.TargetId, answer, T0 + Duration.FromSeconds(call), Policy, null);
            var seen = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(answered, wait.Until, null, CallLimit));
            return seen.Verdict is DeliveryVerdict.Delivered == answer is SendOutcome.Accepted
                && seen.Verdict is not DeliveryVerdict.Unknown;
        });
    }

    [Fact]
    public void A_push_to_several_installations_is_delivered_when_any_accepted_and_reports_the_gone_ones()
    {
        var progress = DeliveryProgress.Start(Message(Channel.Push, "inst-1", "inst-2", "inst-3"), T0);
        progress = Answer(Claim(progress, T0), new SendOutcome.InstallationGone("inst-1", "410 Gone"), T0);
        progress = Answer(Claim(progress, T0), new SendOutcome.Accepted("nh-2"), T0);
        progress = Answer(Claim(progress, T0), new SendOutcome.Refused("400 BadChannel"), T0);

        var done = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(progress, T0, null, Duration.Zero));
        Assert.Equal(new DeliveryVerdict.Delivered("nh-2"), done.Verdict);
        Assert.Equal(["inst-1"], done.GoneInstallations);
    }

    [Fact]
    public void A_push_installation_interrupted_mid_call_is_not_sent_again_while_the_others_still_go()
    {
        var progress = DeliveryProgress.Start(Message(Channel.Push, "inst-1", "inst-2"), T0);
        var crashed = Claim(progress, T0).Progress;

        var resumed = Claim(crashed, T0 + Duration.FromSeconds(5));

        Assert.Equal("inst-2", resumed.TargetId);
        Assert.Equal(TargetStatus.Unknown, resumed.Progress["inst-1"].Status);
        var done = DeliveryMachine.Next(Answer(resumed, new SendOutcome.Refused("400"), T0), T0, null, Duration.Zero);
        Assert.Equal(new DeliveryVerdict.Unknown("interrupted while sending"), Assert.IsType<DeliveryStep.Finished>(done).Verdict);
    }

    [Fact]
    public void A_push_with_no_installation_fails_at_once()
    {
        var done = Assert.IsType<DeliveryStep.Finished>(DeliveryMachine.Next(DeliveryProgress.Start(Message(Channel.Push), T0), T0, null, Duration.Zero));

        Assert.IsType<DeliveryVerdict.Failed>(done.Verdict);
    }

    [Fact]
    public void An_answer_for_a_target_never_claimed_is_a_bug()
    {
        Assert.Throws<InvalidOperationException>(() => DeliveryMachine.Settle(Email(), "email", new SendOutcome.Accepted(null), T0, Policy, null));
    }

    [Fact]
    public void The_record_reads_back_as_written()
    {
        var progress = new DeliveryProgress([
            new DeliveryTarget("inst-1", TargetStatus.Gone, 1, T0, T0, "410 Gone"),
            new DeliveryTarget("inst-2", TargetStatus.Pending, 2, T0, T0 + Duration.FromMinutes(1), null),
            new DeliveryTarget("inst-3", TargetStatus.Pending, 0, null, T0, null),
            new DeliveryTarget("inst-4", TargetStatus.Pending, 1, T0, T0 + Duration.FromSeconds(30), "500", MayHaveArrived: true),
        ]);

        var read = DeliveryProgressJson.Read(DeliveryProgressJson.Serialize(progress));

        Assert.Equal(progress.Targets.ToArray(), read.Targets.ToArray());
    }

    /// <summary>
    /// Whatever the provider answers and wherever the process dies, a provider that cannot deduplicate is
    /// handed each target at most once in a way it may have taken (accepted, unknown, or a call cut short).
    /// </summary>
    [Fact]
    public void Without_deduplication_no_target_is_ever_possibly_taken_twice()
    {
        var outcomes = Gen.OneOf(
            Gen.Const<SendOutcome?>(new SendOutcome.Accepted("p")),
            Gen.Const<SendOutcome?>(new SendOutcome.Refused("r")),
            Gen.Const<SendOutcome?>(new SendOutcome.NotSent("n", null)),
            Gen.Const<SendOutcome?>(new SendOutcome.Unknown("u")),
            Gen.Const<SendOutcome?>(new SendOutcome.InstallationGone("g", "g")),
            Gen.Const((SendOutcome?)null)); // the process dies during the call
        Gen.Select(Gen.Int[0, 3], outcomes.Array[1, 20]).Sample((installations, script) =>
        {
            var ids = Enumerable.Range(1, installations).Select(i => $"inst-{i}").ToArray();
            var progress = DeliveryProgress.Start(Message(Channel.Push, ids), T0);
            var possiblyTaken = ids.ToDictionary(id => id, _ => 0);
            var now = T0;
            foreach (var outcome in script)
            {
                now += Duration.FromHours(2);
                if (DeliveryMachine.Next(progress, now, null, Duration.Zero) is not DeliveryStep.Send send) break;
                progress = send.Progress;
                if (outcome is null or SendOutcome.Accepted or SendOutcome.Unknown) possiblyTaken[send.TargetId]++;
                if (outcome is not null) progress = DeliveryMachine.Settle(progress, send.TargetId, outcome, now, Policy, null);
            }
            return possiblyTaken.Values.All(n => n <= 1);
        });
    }

    /// <summary>
    /// With a provider that deduplicates, a target that may have been taken is handed over again only while the provider
    /// still recognises the repeat, however late each attempt comes.
    /// </summary>
    [Fact]
    public void With_deduplication_a_target_possibly_taken_is_repeated_only_inside_the_window()
    {
        var window = Duration.FromMinutes(4);
        var outcomes = Gen.OneOf(
            Gen.Const<SendOutcome?>(new SendOutcome.Accepted("p")),
            Gen.Const<SendOutcome?>(new SendOutcome.NotSent("n", null)),
            Gen.Const<SendOutcome?>(new SendOutcome.Unknown("u")),
            Gen.Const((SendOutcome?)null)); // the process dies during the call
        Gen.Select(outcomes, Gen.Int[0, 600]).Array[1, 20].Sample(script =>
        {
            var progress = Email();
            var now = T0;
            var possiblyTaken = false;
            foreach (var (outcome, seconds) in script)
            {
                now += Duration.FromSeconds(seconds);
                if (DeliveryMachine.Next(progress, now, window, Duration.Zero) is not DeliveryStep.Send send) break;
                if (possiblyTaken && now - send.Progress["email"].FirstAttemptAt!.Value >= window) return false;
                progress = send.Progress;
                if (outcome is null or SendOutcome.Accepted or SendOutcome.Unknown) possiblyTaken = true;
                if (outcome is not null) progress = DeliveryMachine.Settle(progress, send.TargetId, outcome, now, Policy, window);
            }
            return true;
        });
    }
}
