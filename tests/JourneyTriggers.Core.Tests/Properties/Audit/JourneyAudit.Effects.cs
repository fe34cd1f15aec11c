using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties.Audit;

/// <summary>The rules each single effect must obey, given what came before it.</summary>
internal sealed partial class JourneyAudit
{
    static readonly Duration Day = Duration.FromDays(1);
    static readonly Duration Week = Duration.FromDays(7);

    /// <summary>Effects of wake-ups (<paramref name="step"/> null) or of one event, in the order produced.</summary>
    void Check(IReadOnlyList<Effect> produced, EventStep? step)
    {
        var converted = false;
        foreach (var e in produced)
        {
            effects.Add(e);
            trace.Add("      " + Line(e));
            if (lastEffectAt is { } last && e.At < last) Fail(Rule.OrderedOutput, $"{Line(e)} comes after an effect at {CasePrinter.At(last)}");
            if (lastEffectAt is null || e.At > lastEffectAt) lastEffectAt = e.At;

            var profile = Profile(e.Customer.Profile);
            switch (e)
            {
                case JourneyEntered entered:
                    if (!profile.Running.TryAdd(entered.Trigger, new JourneyModel()))
                        Fail(Rule.JourneyLifecycle, $"{Line(e)}: entered while that journey runs");
                    profile.BoughtSinceEntered.Remove(entered.Trigger);
                    break;
                case ExitJourney exit:
                    if (!profile.Running.Remove(exit.Trigger))
                        Fail(Rule.JourneyLifecycle, $"{Line(e)}: no journey of that trigger runs (a second exit, or an exit without entry)");
                    break;
                case SendReminder send:
                    Counts.Sends++;
                    var sending = RunningJourney(profile, e, send.Path);
                    if (IsCart(send.Path.Trigger) && profile.BoughtSinceEntered.Contains(send.Path.Trigger))
                        Fail(Rule.NoSendAfterPurchase, $"{Line(e)}: the customer ordered after this cart journey was entered");
                    CheckQuietHoursAtSend(profile, send);
                    CheckChannel(profile, send, send.Path, send.Channel);
                    CountInLedger(profile, e, send.Path, send.MessageId);
                    sending?.Deferrals.Remove(send.Path.Step);
                    break;
                case SuppressReminder suppress:
                    RunningJourney(profile, e, suppress.Path)?.Deferrals.Remove(suppress.Path.Step);
                    switch (suppress.Reason)
                    {
                        case SuppressionReason.NoReachableChannel:
                            CheckChannel(profile, suppress, suppress.Path, null);
                            break;
                        case SuppressionReason.FrequencyCap:
                            // Channel choice comes before the cap (DESIGN 4.3.1 "Order of decisions").
                            Counts.CapSuppressions++;
                            if (ChosenChannel(profile, suppress.Path) is null)
                                Fail(Rule.ChannelChoice, $"{Line(e)}: capped, but no channel was reachable (no_reachable_channel comes first)");
                            break;
                        case SuppressionReason.Holdout:
                            // The stand-in names the channel the send would have taken, and counts like one.
                            Counts.HoldoutStandIns++;
                            CheckChannel(profile, suppress, suppress.Path, suppress.Channel);
                            CountInLedger(profile, e, suppress.Path, suppress.MessageId!);
                            break;
                    }
                    break;
                case DeferReminder defer:
                    Counts.Deferrals++;
                    var deferring = RunningJourney(profile, e, defer.Path);
                    CheckDeferral(profile, defer);
                    if (deferring is not null && deferring.Deferrals.TryGetValue(defer.Path.Step, out var earlier)) CheckDeferredAgain(profile, defer, earlier);
                    deferring?.Deferrals.Remove(defer.Path.Step);
                    deferring?.Deferrals.Add(defer.Path.Step, (defer.Until, ZoneOf(profile)));
                    break;
                case SkipStep skip:
                    RunningJourney(profile, e, skip.Path);
                    break;
                case RecordConversion conversion:
                    Counts.Conversions++;
                    // A merge's credits are checked together, against the orders the model kept uncredited (CheckMergeCredits).
                    if (step is { MergesFrom: not null }) break;
                    var order = step?.Event as global::JourneyTriggers.Core.Touchpoints.OrderCompleted;
                    if (step is not { NewOrder: true } || order?.OrderId != conversion.OrderId || step.Value.Key != e.Customer.Profile || converted)
                        Fail(Rule.Conversions, $"{Line(e)}: not the first conversion of a newly processed order of this customer");
                    converted = true;
                    break;
                case RejectTouchpoint:
                    Fail(Rule.Acceptance, $"{Line(e)}: every generated touchpoint is valid");
                    break;
            }
        }
    }

    /// <summary>Step effects belong inside a journey: between its entered and its exited.</summary>
    JourneyModel? RunningJourney(ProfileModel profile, Effect e, StepPath path)
    {
        if (profile.Running.TryGetValue(path.Trigger, out var journey)) return journey;
        Fail(Rule.JourneyLifecycle, $"{Line(e)}: no {path.Trigger} journey runs for this customer");
        return null;
    }

    /// <summary>
    /// DESIGN 4.3.1: windows (t − 24 h, t] and (t − 7 × 24 h, t], holdout stand-ins counted like sends.
    /// Checking the window that ends at each new entry covers every window. A merged customer's ledger
    /// holds both ids' entries from the merge on — as the engine's does — so sends made under two ids
    /// before anyone knew they were one customer are not held against the cap retroactively.
    /// </summary>
    void CountInLedger(ProfileModel profile, Effect e, StepPath path, string messageId)
    {
        profile.Ledger.Add(new LedgerEntry(e.At, messageId, TriggerNamed(path.Trigger).AttributionWindow));
        var cap = input.Configuration.Defaults.FrequencyCap;
        var day = profile.Ledger.Count(l => l.At > e.At - Day && l.At <= e.At);
        var week = profile.Ledger.Count(l => l.At > e.At - Week && l.At <= e.At);
        if (cap.PerDay is { } perDay && day > perDay) Fail(Rule.FrequencyCap, $"{Line(e)}: {day} in the 24 h ending here, cap {perDay}");
        if (cap.PerWeek is { } perWeek && week > perWeek) Fail(Rule.FrequencyCap, $"{Line(e)}: {week} in the 7 days ending here, cap {perWeek}");
    }

    /// <summary>
    /// A send is never inside quiet hours in the customer's zone, not even at the end of a deferral decided in
    /// another zone (an identify or a merge changed it meanwhile: docs/design-deviations.md #19).
    /// </summary>
    void CheckQuietHoursAtSend(ProfileModel profile, SendReminder send)
    {
        if (TriggerNamed(send.Path.Trigger).QuietHours is not { } window) return;
        var zone = ZoneOf(profile);
        if (WallClock.IsQuiet(window, zone, send.At))
            Fail(Rule.QuietHours, $"{Line(send)}: {send.At.InZone(zone).TimeOfDay:HH:mm} in {zone.Id} is inside {window.Start:HH:mm}-{window.End:HH:mm}");
    }

    /// <summary>
    /// A step deferred again at the end of its deferral (not a deferral that activity dropped, then a new one): that end
    /// was inside quiet hours on the customer's clock of now, only possible when the zone changed since.
    /// </summary>
    void CheckDeferredAgain(ProfileModel profile, DeferReminder defer, (Instant Until, DateTimeZone Zone) earlier)
    {
        if (defer.At != earlier.Until) return;
        Counts.DeferredAgainAfterZoneChange++;
        if (earlier.Zone.Id == ZoneOf(profile).Id)
            Fail(Rule.QuietHours, $"{Line(defer)}: deferred again at the end of its deferral, decided in the same zone {earlier.Zone.Id}");
    }

    /// <summary>A deferral happens inside quiet hours and names their end: not quiet itself, quiet the minute before.</summary>
    void CheckDeferral(ProfileModel profile, DeferReminder defer)
    {
        var zone = ZoneOf(profile);
        if (TriggerNamed(defer.Path.Trigger).QuietHours is not { } window)
        {
            Fail(Rule.QuietHours, $"{Line(defer)}: deferred although the trigger has no quiet hours");
            return;
        }
        if (!WallClock.IsQuiet(window, zone, defer.At))
            Fail(Rule.QuietHours, $"{Line(defer)}: deferred at {defer.At.InZone(zone).TimeOfDay:HH:mm} in {zone.Id}, outside quiet hours");
        if (defer.Until <= defer.At || WallClock.IsQuiet(window, zone, defer.Until) || !WallClock.IsQuiet(window, zone, defer.Until - Duration.FromMinutes(1)))
            Fail(Rule.QuietHours, $"{Line(defer)}: until is not the end of the quiet hours in {zone.Id}");
    }
}
