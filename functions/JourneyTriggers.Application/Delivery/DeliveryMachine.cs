using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Delivery;
using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// The delivery state machine of DESIGN 4.6, the same in every host: pending → sending (committed before
/// the call) → accepted | refused | gone | unknown, or back to pending when the provider certainly did not
/// take it. A target found "sending" by a later attempt is sent again at once when the provider deduplicates by
/// message id and its window still covers the first attempt. Otherwise it is left alone until the claimed call
/// can no longer be running (another instance may still be making it, and its answer is the one to record), and
/// found so after that it was interrupted: unknown, never sent again. Pure: the shell records each returned
/// progress before acting on it.
/// </summary>
public static class DeliveryMachine
{
    /// <param name="deduplicationWindow">How long the provider recognises a repeat of this message id; null when it never does.</param>
    /// <param name="callLimit">
    /// How long a claimed call may run, its answer's write included, where another attempt may be making it (a claim
    /// records until when, in <see cref="DeliveryTarget.NextAttemptAt"/>); zero where none can, as in a host whose one
    /// dispatcher owns its outbox, so a claim found there was cut short by a crash.
    /// </param>
    public static DeliveryStep Next(DeliveryProgress progress, Instant now, Duration? deduplicationWindow, Duration callLimit)
    {
        if (CallAwaited(progress, now, deduplicationWindow) is { } answerBy) return new DeliveryStep.Wait(progress, answerBy);
        foreach (var target in progress.Targets)
        {
            if (target.Status == TargetStatus.Pending && target.MayHaveArrived && !Deduplicates(target, now, deduplicationWindow))
            {
                progress = progress.With(target with { Status = TargetStatus.Unknown, Detail = PastTheWindow(target.Detail) });
                continue;
            }
            if (target.Status != TargetStatus.Sending) continue;
            if (Deduplicates(target, now, deduplicationWindow))
                return new DeliveryStep.Send(
                    progress.With(target with { Attempts = target.Attempts + 1, MayHaveArrived = true, NextAttemptAt = now + callLimit }), target.Id);
            progress = progress.With(target with { Status = TargetStatus.Unknown, Detail = "interrupted while sending" });
        }
        foreach (var target in progress.Targets)
            if (target.Status == TargetStatus.Pending && target.NextAttemptAt <= now)
                return new DeliveryStep.Send(
                    progress.With(target with
                    {
                        Status = TargetStatus.Sending, Attempts = target.Attempts + 1, FirstAttemptAt = target.FirstAttemptAt ?? now, NextAttemptAt = now + callLimit,
                    }),
                    target.Id);
        if (progress.NextAttemptAt is { } later) return new DeliveryStep.Wait(progress, later);
        return Finish(progress);
    }

    /// <summary>
    /// Until when another attempt's call may still be answering, for a claim that is not to be sent again at once (the
    /// provider would not recognise the repeat); null when there is none. Until then an attempt changes nothing in the
    /// record, not even to withdraw the message or hold it for quiet hours: any write would make that attempt's answer
    /// fail its conditional write and be lost, and a push that arrived be recorded unknown.
    /// </summary>
    public static Instant? CallAwaited(DeliveryProgress progress, Instant now, Duration? deduplicationWindow)
    {
        Instant? until = null;
        foreach (var target in progress.Targets)
            if (target.Status == TargetStatus.Sending && now < target.NextAttemptAt && !Deduplicates(target, now, deduplicationWindow)
                && (until is null || target.NextAttemptAt > until))
                until = target.NextAttemptAt;
        return until;
    }

    /// <summary>The verdict of a progress whose every target is settled (what <see cref="Next"/> ends with).</summary>
    public static DeliveryStep.Finished Finish(DeliveryProgress settled) =>
        new(settled, Verdict(settled), [.. settled.Targets.Where(t => t.Status == TargetStatus.Gone).Select(t => t.Id)]);

    /// <summary>The provider's answer for <paramref name="targetId"/>, which <see cref="Next"/> claimed.</summary>
    public static DeliveryProgress Settle(DeliveryProgress progress, string targetId, SendOutcome outcome, Instant now, DeliveryPolicy policy,
        Duration? deduplicationWindow)
    {
        var target = progress[targetId];
        if (target.Status != TargetStatus.Sending)
            throw new InvalidOperationException($"Target {targetId} was not claimed for sending (it is {target.Status}).");
        var settled = outcome switch
        {
            SendOutcome.Accepted or SendOutcome.Refused => Final(target, outcome),
            SendOutcome.InstallationGone g => target with { Status = TargetStatus.Gone, Detail = g.Reason },
            SendOutcome.Unknown u when target.Attempts < policy.MaxAttempts && Deduplicates(target, now + policy.RetryDelay(target.Attempts, null), deduplicationWindow) =>
                RetryLater(target, u.Reason, now + policy.RetryDelay(target.Attempts, null)) with { MayHaveArrived = true },
            SendOutcome.Unknown u => target with { Status = TargetStatus.Unknown, Detail = u.Reason },
            SendOutcome.NotSent n when target.Attempts >= policy.MaxAttempts =>
                target with { Status = TargetStatus.Refused, Detail = $"{n.Reason} (gave up after {target.Attempts} attempts)" },
            SendOutcome.NotSent n => RetryLater(target, n.Reason, now + policy.RetryDelay(target.Attempts, n.RetryAfter)),
            _ => throw new ArgumentException($"Unknown send outcome {outcome.GetType().Name}.", nameof(outcome)),
        };
        return progress.With(settled);
    }

    /// <summary>
    /// A target recorded unknown, settled by the final status the provider reported when asked afterwards
    /// (<see cref="IEmailSendLookup"/>): accepted or refused, as an answer to the call would have. Only a final status
    /// is given here: anything short of one leaves the target unknown, and the shell does not call this.
    /// </summary>
    public static DeliveryProgress LookedUp(DeliveryProgress progress, string targetId, SendOutcome found)
    {
        var target = progress[targetId];
        if (target.Status != TargetStatus.Unknown)
            throw new InvalidOperationException($"Target {targetId} is not unknown (it is {target.Status}): there is nothing to look up.");
        return progress.With(Final(target, found));
    }

    /// <summary>A target the provider gave a final status: accepted with its id, or refused with its reason.</summary>
    static DeliveryTarget Final(DeliveryTarget target, SendOutcome outcome) => outcome switch
    {
        SendOutcome.Accepted a => target with { Status = TargetStatus.Accepted, Detail = a.ProviderMessageId },
        SendOutcome.Refused r => target with { Status = TargetStatus.Refused, Detail = r.Reason },
        _ => throw new ArgumentException($"Only a final status settles a target, not {outcome.GetType().Name}.", nameof(outcome)),
    };

    /// <summary>
    /// Settles every target still open of a message that may no longer go (<paramref name="reason"/>: consent revoked, the
    /// journey ended): one never handed over is refused, one that may already have arrived is unknown. The verdict follows
    /// from <see cref="Next"/>, which finds nothing left to send.
    /// </summary>
    public static DeliveryProgress Withdraw(DeliveryProgress progress, string reason)
    {
        foreach (var target in progress.Targets)
        {
            if (target.IsSettled) continue;
            progress = progress.With(target.Status == TargetStatus.Pending && !target.MayHaveArrived
                ? target with { Status = TargetStatus.Refused, Detail = reason }
                : target with { Status = TargetStatus.Unknown, Detail = $"{reason}; an earlier attempt may have arrived" });
        }
        return progress;
    }

    /// <summary>Moves every target still to be tried to <paramref name="until"/> at the earliest (the customer's quiet hours end then).</summary>
    public static DeliveryProgress Postpone(DeliveryProgress progress, Instant until)
    {
        foreach (var target in progress.Targets)
            if (target.Status == TargetStatus.Pending && target.NextAttemptAt < until)
                progress = progress.With(target with { NextAttemptAt = until });
        return progress;
    }

    /// <summary>
    /// Any target accepted: delivered (a push reaches the customer on any of their devices). Else any
    /// unknown: unknown. Else failed, with every distinct reason.
    /// </summary>
    static DeliveryVerdict Verdict(DeliveryProgress progress)
    {
        var accepted = progress.Targets.Where(t => t.Status == TargetStatus.Accepted).ToList();
        if (accepted.Count > 0)
        {
            var ids = accepted.Select(t => t.Detail).OfType<string>().ToList();
            return new DeliveryVerdict.Delivered(ids.Count == 0 ? null : string.Join(",", ids));
        }
        if (progress.Targets.FirstOrDefault(t => t.Status == TargetStatus.Unknown) is { } unknown)
            return new DeliveryVerdict.Unknown(unknown.Detail ?? "interrupted while sending");
        if (progress.Targets.IsEmpty) return new DeliveryVerdict.Failed("the customer has no push installation to send to");
        return new DeliveryVerdict.Failed(string.Join("; ", progress.Targets.Select(t => t.Status == TargetStatus.Gone ? $"installation gone: {t.Detail}" : t.Detail ?? "refused").Distinct()));
    }

    static bool Deduplicates(DeliveryTarget target, Instant now, Duration? window) =>
        window is { } w && target.FirstAttemptAt is { } first && now - first < w;

    /// <summary>Sending again now would be a new message to the provider, and the first may have arrived: never twice (DESIGN 4.6).</summary>
    static string PastTheWindow(string? detail) =>
        $"{detail ?? "outcome unknown"}; it may have arrived, and the provider no longer recognises a repeat";

    static DeliveryTarget RetryLater(DeliveryTarget target, string reason, Instant at) =>
        target with { Status = TargetStatus.Pending, NextAttemptAt = at, Detail = reason };
}
