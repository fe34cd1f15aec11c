using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.GuardRails;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// Turns what a host knows at one decision — the touchpoint or timer, the customer's state before
/// and after, the effects — into metric facts (DESIGN 4.7). <c>simulate</c> and the live hosts call
/// the same methods, so a replay and production count alike. Pure and deterministic; days are dates
/// in the configuration's default time zone.
/// </summary>
public sealed class MetricFacts
{
    readonly DateTimeZone zone;
    readonly Dictionary<string, decimal> holdoutPercent;
    readonly HashSet<string> cartTriggers;

    public MetricFacts(TriggerConfiguration configuration)
    {
        zone = configuration.Defaults.TimeZone;
        holdoutPercent = configuration.Triggers.ToDictionary(t => t.Name, t => t.HoldoutPercent, StringComparer.Ordinal);
        cartTriggers = configuration.Triggers.Where(t => t.Kind == TriggerKind.CartAbandoned).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// A decision on a touchpoint (<c>Decide</c>, or <c>Merge</c> with the known customer's states).
    /// <paramref name="before"/> is the state the engine was given: a touchpoint it had already seen
    /// counts nothing, only its effects (there are none) would.
    /// </summary>
    public void OfTouchpoint(Touchpoint touchpoint, CustomerState before, CustomerState after, IReadOnlyList<Effect> effects, IMetricFactSink into) =>
        OfDecision(touchpoint, before, after, effects, into, mergedLedger: null);

    /// <summary>
    /// A merge (<c>Merge</c>): <paramref name="known"/> and <paramref name="anonymous"/> are the two documents the engine was
    /// given. The orders it credits may go to reminders the anonymous side was sent.
    /// </summary>
    public void OfMerge(CustomerIdentified identified, CustomerState known, CustomerState anonymous, CustomerState after, IReadOnlyList<Effect> effects,
        IMetricFactSink into) =>
        OfDecision(identified, known, after, effects, into, anonymous.Ledger);

    void OfDecision(Touchpoint touchpoint, CustomerState before, CustomerState after, IReadOnlyList<Effect> effects, IMetricFactSink into,
        SentMessageLedger? mergedLedger)
    {
        // The engine returns the state it was given for a touchpoint it has seen, and a new one
        // (with the id recorded) otherwise: the reference test spares a second dedupe lookup.
        if (!ReferenceEquals(before, after) || !before.Seen.Contains(touchpoint.Id)) Touchpoint(touchpoint, before, after, effects, into);
        Effects(before, effects, into, mergedLedger);
    }

    /// <summary>A decision on a due wake-up (<c>Fire</c>): <paramref name="before"/> tells a deferred step's send from a step newly due.</summary>
    public void OfTimer(CustomerState before, IReadOnlyList<Effect> effects, IMetricFactSink into) => Effects(before, effects, into);

    /// <summary>
    /// Effects a shell records outside an engine decision: the provider's delivery outcomes
    /// (<c>message.delivered/failed/unknown</c>) and rejections of input that never reached a customer.
    /// </summary>
    public void OfEffects(IReadOnlyList<Effect> effects, IMetricFactSink into) => Effects(null, effects, into);

    /// <summary>
    /// Events a live host refused before any customer was decided (unreadable, or naming no customer), at
    /// <paramref name="at"/>: counted as <c>simulate</c> counts its rejected lines, one each.
    /// </summary>
    public void OfRefused(int count, Instant at, IMetricFactSink into)
    {
        if (count > 0) into.Add(new MetricFact(new MetricKey(DayOf(at), MetricMeasure.EventRejected), new MetricValue(count, 0m)));
    }

    void Touchpoint(Touchpoint touchpoint, CustomerState before, CustomerState after, IReadOnlyList<Effect> effects, IMetricFactSink into)
    {
        var day = DayOf(touchpoint.Timestamp);
        if (StartsCart(touchpoint, before, after, effects)) into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.CartStarted)));
        switch (touchpoint)
        {
            case ProductViewed:
                into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.ProductViewed)));
                break;
            case CartItemAdded:
                into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.CartItemAdded)));
                break;
            case CheckoutStarted:
                into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.CheckoutStarted)));
                break;
            case OrderCompleted order when !before.Orders.Contains(order.OrderId):
                into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.OrderCompleted), order.Revenue));
                break;
            case MessageOpened opened:
                into.Add(MetricFact.One(Engagement(day, MetricMeasure.MessageOpened, before.Ledger, opened.MessageId)));
                break;
            case MessageClicked clicked:
                into.Add(MetricFact.One(Engagement(day, MetricMeasure.MessageClicked, before.Ledger, clicked.MessageId)));
                break;
        }
    }

    /// <summary>
    /// A cart starts when it gets its first line, and again when activity on a cart left standing (a journey already
    /// begun on it and over, no order) begins another cart journey: every abandoned cart journey then stands on a started
    /// cart, counted once, and the abandonment rate stays a proportion.
    /// </summary>
    bool StartsCart(Touchpoint touchpoint, CustomerState before, CustomerState after, IReadOnlyList<Effect> effects)
    {
        // Only an add fills an empty cart: a merge hands over the visitor's cart, whose start was counted when they added.
        if (before.Cart.IsEmpty) return touchpoint is CartItemAdded && !after.Cart.IsEmpty;
        // A cart whose first journey begins now (the re-entry cooldown held it off when it started) was counted then.
        if (!before.Cart.JourneyBegun) return false;
        for (var i = 0; i < effects.Count; i++)
            if (effects[i] is JourneyEntered entered && cartTriggers.Contains(entered.Trigger)) return true;
        return false;
    }

    /// <summary>
    /// Whether the conversion at <paramref name="index"/> converts its journey. The engine marks the journey's reminders
    /// converted in the state it hands back, so in the ledgers it was given (the known and the anonymous side's, for a merge)
    /// the first order finds them unmarked; a merge can credit several orders at once, and only the first of a journey counts.
    /// </summary>
    static bool FirstOfItsJourney(IReadOnlyList<Effect> effects, int index, SentMessageLedger? ledger, SentMessageLedger? mergedLedger)
    {
        if (Credited((RecordConversion)effects[index], ledger, mergedLedger) is not { } credited) return true;
        if (credited.Converted) return false;
        for (var i = 0; i < index; i++)
            if (effects[i] is RecordConversion earlier && Credited(earlier, ledger, mergedLedger) is { } other && credited.SameRunAs(other))
                return false;
        return true;
    }

    static SentMessage? Credited(RecordConversion conversion, SentMessageLedger? ledger, SentMessageLedger? mergedLedger) =>
        ledger?.Find(conversion.MessageId) ?? mergedLedger?.Find(conversion.MessageId);

    /// <summary>An open or click credited to the reminder it names; one the ledger no longer holds counts under no trigger.</summary>
    static MetricKey Engagement(LocalDate day, MetricMeasure measure, SentMessageLedger ledger, string messageId) =>
        ledger.Find(messageId) is { } sent
            ? Path(day, measure, sent.Path) with { Channel = sent.Channel, Group = sent.Holdout ? MetricGroup.Holdout : MetricGroup.Treated }
            : new MetricKey(day, measure);

    void Effects(CustomerState? before, IReadOnlyList<Effect> effects, IMetricFactSink into, SentMessageLedger? mergedLedger = null)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i];
            var day = DayOf(effect.At);
            switch (effect)
            {
                case JourneyEntered entered:
                    into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.JourneyEntered, entered.Trigger, Group: GroupOf(entered.Trigger, entered.Customer))));
                    break;
                case ExitJourney exited:
                    into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.JourneyExited, exited.Trigger, Reason: exited.Reason.ToWire())));
                    break;
                case DeferReminder deferred:
                {
                    var group = GroupOf(deferred.Path.Trigger, deferred.Customer);
                    // Deferred again when its deferral ended (the customer's clock changed since): the step came due once.
                    if (!WasDeferred(before, deferred.Path))
                        into.Add(MetricFact.One(Path(day, MetricMeasure.StepDue, deferred.Path) with { Group = group }));
                    into.Add(MetricFact.One(Path(day, MetricMeasure.MessageDeferred, deferred.Path) with { Group = group }));
                    break;
                }
                case SendReminder sent:
                    if (!WasDeferred(before, sent.Path)) into.Add(MetricFact.One(Path(day, MetricMeasure.StepDue, sent.Path) with { Group = MetricGroup.Treated }));
                    into.Add(MetricFact.One(Path(day, MetricMeasure.MessageSent, sent.Path) with { Channel = sent.Channel, Group = MetricGroup.Treated }));
                    break;
                case SuppressReminder suppressed:
                {
                    var group = suppressed.Reason == SuppressionReason.Holdout ? MetricGroup.Holdout : GroupOf(suppressed.Path.Trigger, suppressed.Customer);
                    if (!WasDeferred(before, suppressed.Path)) into.Add(MetricFact.One(Path(day, MetricMeasure.StepDue, suppressed.Path) with { Group = group }));
                    into.Add(MetricFact.One(Path(day, MetricMeasure.MessageSuppressed, suppressed.Path) with
                    {
                        Group = group, Reason = suppressed.Reason.ToWire(), Channel = suppressed.Channel,
                    }));
                    break;
                }
                case SkipStep skipped:
                {
                    var group = GroupOf(skipped.Path.Trigger, skipped.Customer);
                    into.Add(MetricFact.One(Path(day, MetricMeasure.StepDue, skipped.Path) with { Group = group }));
                    into.Add(MetricFact.One(Path(day, MetricMeasure.StepSkipped, skipped.Path) with { Group = group, Reason = SkipStep.NoMatchingBranch }));
                    break;
                }
                case RecordConversion conversion:
                {
                    var key = Path(day, MetricMeasure.Conversion, conversion.Path) with
                    {
                        Channel = conversion.Channel, Group = conversion.Holdout ? MetricGroup.Holdout : MetricGroup.Treated,
                    };
                    into.Add(MetricFact.One(key, conversion.Revenue));
                    if (FirstOfItsJourney(effects, i, before?.Ledger, mergedLedger))
                        into.Add(MetricFact.One(key with { Measure = MetricMeasure.ReminderConverted }));
                    break;
                }
                case RecordDelivered delivered:
                    into.Add(MetricFact.One(Path(day, MetricMeasure.MessageDelivered, delivered.Path) with { Channel = delivered.Channel, Group = MetricGroup.Treated }));
                    break;
                case RecordDeliveryFailed failed:
                    into.Add(MetricFact.One(Path(day, MetricMeasure.MessageFailed, failed.Path) with { Channel = failed.Channel, Group = MetricGroup.Treated }));
                    break;
                case RecordDeliveryUnknown unknown:
                    into.Add(MetricFact.One(Path(day, MetricMeasure.MessageUnknown, unknown.Path) with { Channel = unknown.Channel, Group = MetricGroup.Treated }));
                    break;
                case RejectTouchpoint:
                    into.Add(MetricFact.One(new MetricKey(day, MetricMeasure.EventRejected)));
                    break;
                case ArmTimer:
                    break;
                default:
                    throw new ArgumentException($"No metric rule for effect {effect.WireName}.", nameof(effects));
            }
        }
    }

    /// <summary>
    /// The send (or suppression) that ends a quiet-hours deferral: its step came due at the deferral,
    /// which already counted it.
    /// </summary>
    static bool WasDeferred(CustomerState? before, StepPath path) =>
        before is not null && before.StateOf(path.Trigger) is JourneyState.Deferred deferred && deferred.Step == path.Step;

    MetricGroup GroupOf(string trigger, CustomerRef customer) =>
        Holdout.Includes(trigger, customer.AssignmentId, holdoutPercent.GetValueOrDefault(trigger)) ? MetricGroup.Holdout : MetricGroup.Treated;

    static MetricKey Path(LocalDate day, MetricMeasure measure, StepPath path) =>
        new(day, measure, path.Trigger, path.Step, path.Branch, path.Variant);

    LocalDate DayOf(Instant instant) => instant.InZone(zone).Date;
}
