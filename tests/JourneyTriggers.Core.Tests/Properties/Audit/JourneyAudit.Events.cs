using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties.Audit;

/// <summary>What the model makes of one touchpoint before the engine sees it.</summary>
/// <param name="Index">Its position in the stream, from 0.</param>
/// <param name="Key">The document it lands in (after following a merge).</param>
/// <param name="Duplicate">That document has seen its id.</param>
/// <param name="MergesFrom">The anonymous document it folds in, for a first customer.identified with both ids.</param>
/// <param name="NewOrder">An order.completed with an order id the customer has not had.</param>
/// <param name="History">A cart event stamped at or before the customer's last order.</param>
internal readonly record struct EventStep(int Index, Touchpoint Event, ProfileKey Key, bool Duplicate, ProfileKey? MergesFrom, bool NewOrder, bool History);

internal sealed partial class JourneyAudit
{
    /// <summary>Routes the touchpoint and updates the model: DESIGN 4.3.1 "Identity", dedupe, orders, time zone.</summary>
    EventStep Observe(int index, Touchpoint tp)
    {
        var (known, anonymousId) = (tp.Customer.CustomerId, tp.Customer.AnonymousId);
        var key = known is not null ? ProfileKey.ForCustomer(known)
            : mergedInto.TryGetValue(anonymousId!, out var into) ? ProfileKey.ForCustomer(into)
            : ProfileKey.ForAnonymous(anonymousId!);
        var profile = Profile(key);
        if (profile.SeenIds.Contains(tp.Id.Value))
        {
            Counts.Duplicates++;
            return new EventStep(index, tp, key, true, null, false, false);
        }

        ProfileKey? mergesFrom = null;
        if (tp is CustomerIdentified && known is not null && anonymousId is not null && !mergedInto.ContainsKey(anonymousId))
        {
            mergesFrom = ProfileKey.ForAnonymous(anonymousId);
            var anonymous = Profile(mergesFrom.Value);
            Counts.Merges++;
            Counts.CarriedJourneys += anonymous.Running.Keys.Count(t => !profile.Running.ContainsKey(t));
            profile.Absorb(anonymous);
            mergedInto[anonymousId] = known;
        }

        profile.SeenIds.Add(tp.Id.Value);
        var (newOrder, history) = (false, false);
        switch (tp)
        {
            case CustomerIdentified identified:
                profile.TimeZone = identified.TimeZone ?? profile.TimeZone;
                profile.Email = identified.Email ?? profile.Email;
                break;
            case ConsentUpdated consent:
                profile.EmailConsent = Consider(profile.EmailConsent, consent.Email, consent.Timestamp);
                profile.PushConsent = Consider(profile.PushConsent, consent.Push, consent.Timestamp);
                break;
            case PushRegistered registered:
                profile.Register(registered.InstallationId);
                break;
            case PushUnregistered unregistered:
                profile.Installations.Remove(unregistered.InstallationId);
                break;
            case OrderCompleted order when profile.OrderIds.Add(order.OrderId):
                newOrder = true;
                Counts.NewOrders++;
                profile.LastOrder = profile.LastOrder is { } last && last > order.Timestamp ? last : order.Timestamp;
                foreach (var trigger in input.Configuration.Triggers.Where(t => t.Kind == TriggerKind.CartAbandoned))
                    profile.BoughtSinceEntered.Add(trigger.Name);
                break;
            case CartItemAdded or CartItemRemoved or CartViewed or CartCleared or CheckoutStarted:
                history = profile.LastOrder is { } lastOrder && tp.Timestamp <= lastOrder;
                if (history) Counts.HistoryCartEvents++;
                break;
        }
        return new EventStep(index, tp, key, false, mergesFrom, newOrder, history);
    }

    /// <summary>A consent statement for one channel, counted when an older or tied one is what stands after it.</summary>
    (bool Granted, Instant At)? Consider((bool Granted, Instant At)? held, bool? granted, Instant at)
    {
        if (granted is not { } said) return held;
        var standing = ProfileModel.Standing(held, (said, at));
        if (standing != (said, at)) Counts.OverruledConsentStatements++;
        return standing;
    }

    /// <summary>The rules that look at one event's effects as a whole.</summary>
    void AfterEvent(EventStep step, IReadOnlyList<Effect> produced, CartSnapshot cartBefore)
    {
        var what = $"#{step.Index + 1} {CasePrinter.Event(step.Event)}";
        if (step.Duplicate && produced.Count > 0)
            Fail(Rule.Duplicates, $"{what}: a duplicate id produced {produced.Count} effect(s), first: {Line(produced[0])}");
        if (step.History)
        {
            if (produced.Count > 0) Fail(Rule.LateCartEvents, $"{what}: a cart event at or before the last order produced {Line(produced[0])}");
            if (CartOf(step.Key) != cartBefore) Fail(Rule.LateCartEvents, $"{what}: a cart event at or before the last order changed the cart");
        }
        if (step.NewOrder)
        {
            CheckCredit(step, produced, what);
            // An order ends every cart and browse journey (DESIGN 4.3 semantics; 4.3.1 "Browse abandonment").
            foreach (var trigger in Profile(step.Key).Running.Keys.Where(t => TriggerNamed(t).Kind != TriggerKind.AppInactive))
                Fail(Rule.NoSendAfterPurchase, $"{what}: the order left {step.Key}'s {trigger} journey running");
        }
        if (step.MergesFrom is not null) CheckMergeCredits(step, produced, what);
        if (step.MergesFrom is { } anonymous)
            foreach (var trigger in Profile(anonymous).Running.Keys)
                Fail(Rule.JourneyLifecycle, $"{what}: {anonymous}'s {trigger} journey was neither carried over nor exited merged");
    }

    /// <summary>
    /// DESIGN 4.3.1 "Conversion": a new order is credited to the customer's last reminder or stand-in
    /// whose attribution window holds the order's timestamp — and only then.
    /// </summary>
    void CheckCredit(EventStep step, IReadOnlyList<Effect> produced, string what)
    {
        var orderedAt = step.Event.Timestamp;
        var latest = LatestInWindow(Profile(step.Key).Ledger, orderedAt);
        var credited = produced.OfType<RecordConversion>().ToList();
        if (latest.Count == 0 && credited.Count > 0) Fail(Rule.Conversions, $"{what}: credited {credited[0].MessageId} although no reminder's window holds the order");
        if (latest.Count > 0 && credited.Count == 0) Fail(Rule.Conversions, $"{what}: not credited although {string.Join("/", latest)} holds it in its window");
        if (latest.Count > 0 && credited.Count > 0 && !latest.Contains(credited[0].MessageId))
            Fail(Rule.Conversions, $"{what}: credited {credited[0].MessageId}, not the last reminder in window ({string.Join("/", latest)})");
        if (latest.Count == 0) KeepUncredited(Profile(step.Key), ((OrderCompleted)step.Event).OrderId, orderedAt);
    }

    /// <summary>The last reminders (or stand-ins) whose window holds the instant; two at the same instant are equally last.</summary>
    static HashSet<string> LatestInWindow(IEnumerable<LedgerEntry> ledger, Instant orderedAt)
    {
        var inWindow = ledger.Where(e => e.At <= orderedAt && orderedAt <= e.At + e.AttributionWindow).ToList();
        return inWindow.Count == 0 ? [] : inWindow.Where(e => e.At == inWindow.Max(x => x.At)).Select(e => e.MessageId).ToHashSet();
    }

    /// <summary>
    /// An uncredited order is kept while a reminder that could hold it can still be in a ledger: the weekly cap's 7 days, or
    /// the longest attribution window if longer; at most <see cref="OrderHistory.MaxUncredited"/>.
    /// </summary>
    Instant UncreditedKeptSince() =>
        now!.Value - Duration.Max(Week, input.Configuration.Triggers.Select(t => t.AttributionWindow).DefaultIfEmpty(Duration.Zero).Max());

    void KeepUncredited(ProfileModel profile, string orderId, Instant orderedAt)
    {
        var keptSince = UncreditedKeptSince();
        profile.Uncredited.RemoveAll(o => o.At < keptSince);
        profile.Uncredited.Add((orderId, orderedAt));
        if (profile.Uncredited.Count > OrderHistory.MaxUncredited) profile.Uncredited.RemoveAt(0);
    }

    /// <summary>
    /// A merge credits each order either side kept uncredited to the merged customer's last reminder whose window holds it
    /// (the conversion rule, over both sides' reminders), and nothing else. The reminders are those a ledger still needs at the
    /// merge: sent in the last 7 days (the weekly cap), or with their attribution window still open.
    /// </summary>
    void CheckMergeCredits(EventStep step, IReadOnlyList<Effect> produced, string what)
    {
        var profile = Profile(step.Key);
        var keptSince = UncreditedKeptSince();
        profile.Uncredited.RemoveAll(o => o.At < keptSince);
        var held = profile.Ledger.Where(e => e.At > now!.Value - Week || e.At + e.AttributionWindow >= now!.Value).ToList();
        var expected = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var order in profile.Uncredited.ToList())
        {
            var latest = LatestInWindow(held, order.At);
            if (latest.Count == 0) continue;
            expected[order.OrderId] = latest;
            profile.Uncredited.Remove(order);
        }
        var credited = produced.OfType<RecordConversion>().ToList();
        Counts.ConversionsAcrossAMerge += credited.Count;
        foreach (var conversion in credited)
        {
            if (conversion.Customer.Profile != step.Key) Fail(Rule.Conversions, $"{what}: {Line(conversion)} names another customer than the merged one");
            if (!expected.Remove(conversion.OrderId, out var latest))
                Fail(Rule.Conversions, $"{what}: {Line(conversion)} credits an order that was not kept uncredited, or credits it twice");
            else if (!latest.Contains(conversion.MessageId))
                Fail(Rule.Conversions, $"{what}: {Line(conversion)} is not the last reminder in window ({string.Join("/", latest)})");
        }
        foreach (var (orderId, latest) in expected)
            Fail(Rule.Conversions, $"{what}: the uncredited order {orderId} was not credited although {string.Join("/", latest)} holds it in its window");
    }
}
