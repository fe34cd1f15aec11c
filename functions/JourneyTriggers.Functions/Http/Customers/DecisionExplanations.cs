using System.Globalization;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Http.Customers;

/// <summary>
/// One plain sentence per decision of the timeline, for the person reading a customer's page:
/// "Sent by email: the cart was left for 1 h", "Deferred to 08:00 Asia/Bangkok: quiet hours 21:00–08:00".
/// The numbers come from the configuration in force and the customer's own ledger and time zone.
/// </summary>
internal static class DecisionExplanations
{
    static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static string Why(Effect effect, CustomerState customer, TriggerConfiguration configuration, DateTimeZone zone) => effect switch
    {
        JourneyEntered e => $"Journey {e.Trigger} started: {Entry(configuration.Find(e.Trigger))}",
        SendReminder e => $"Sent by {e.Channel.ToWire()}: {StepReason(configuration, e.Path)} (template {e.Template}{Choice(e.Path)})",
        DeferReminder e => $"Deferred to {Clock.Format(e.Until.InZone(zone).TimeOfDay)} {zone.Id}: {QuietHours(configuration.Find(e.Path.Trigger), configuration)}",
        SuppressReminder { Reason: SuppressionReason.FrequencyCap } e => $"Suppressed: {Cap(configuration.Defaults.FrequencyCap, customer.Ledger, e.At)}",
        SuppressReminder { Reason: SuppressionReason.Holdout } e =>
            $"Suppressed: the customer is in the {Percent(configuration.Find(e.Path.Trigger)?.HoldoutPercent)} holdout group of {e.Path.Trigger}, " +
            "who get no reminders so that the lift can be measured",
        SuppressReminder e =>
            $"Suppressed: no reachable channel for step {e.Path.Step} (email needs an address and consent, push a registered device and no opt-out)",
        SkipStep e => $"Skipped step {e.Path.Step} of {e.Path.Trigger}: none of its branches' conditions held",
        ExitJourney e => $"Journey {e.Trigger} ended: {Exit(e.Reason)}",
        RecordConversion { Holdout: true } e =>
            $"Conversion in the holdout group: order {e.OrderId} ({Money(e.Revenue, e.Currency)}) came without the reminder of step {e.Path.Step}",
        RecordConversion e => $"Conversion: order {e.OrderId} ({Money(e.Revenue, e.Currency)}) credited to the {e.Channel.ToWire()} reminder of step {e.Path.Step}",
        RecordDelivered e => $"Delivered by {e.Channel.ToWire()}: {Provider(e.Channel)} accepted reminder {e.Path.Step} of {e.Path.Trigger}" +
            (e.ProviderMessageId is { } id ? $" (its id {id})" : ""),
        RecordDeliveryFailed e => $"Not delivered by {e.Channel.ToWire()}: {Provider(e.Channel)} refused reminder {e.Path.Step} of {e.Path.Trigger} for good ({e.Reason})",
        RecordDeliveryUnknown e =>
            $"Delivery unknown by {e.Channel.ToWire()}: the send of reminder {e.Path.Step} of {e.Path.Trigger} was interrupted ({e.Reason}); " +
            "it may have arrived, and it is not sent again so that the customer never gets it twice",
        RejectTouchpoint e => $"Rejected event {e.EventId ?? "(no id)"}: {e.Reason}",
        ArmTimer e => $"Wake-up set for {InstantPattern.ExtendedIso.Format(e.DueAt)}",
        _ => effect.WireName,
    };

    static string Provider(Channel channel) => channel == Channel.Email ? "the email provider" : "the push service";

    static string Entry(TriggerDefinition? trigger) => trigger?.Kind switch
    {
        TriggerKind.CartAbandoned => "there are items in the cart",
        TriggerKind.BrowseAbandoned => $"{trigger.MinViews} or more products viewed without adding to the cart",
        TriggerKind.AppInactive => "the app is installed, and its use is watched",
        _ => "the trigger is no longer configured",
    };

    /// <summary>Step 1 waits from the last activity; each later step from the step before it.</summary>
    static string StepReason(TriggerConfiguration configuration, StepPath path)
    {
        if (configuration.Find(path.Trigger) is not { } trigger || path.Step < 1 || path.Step > trigger.Steps.Count)
            return $"step {path.Step} of {path.Trigger}";
        var wait = Span(trigger.Steps[path.Step - 1].After);
        var first = path.Step == 1;
        return trigger.Kind switch
        {
            TriggerKind.CartAbandoned => first ? $"the cart was left for {wait}" : $"the cart was still waiting {wait} after reminder {path.Step - 1}",
            TriggerKind.BrowseAbandoned => first ? $"products were viewed and nothing was added to the cart for {wait}" : $"still nothing in the cart {wait} after reminder {path.Step - 1}",
            TriggerKind.AppInactive => first ? $"the app was not opened for {wait}" : $"the app was still not opened {wait} after reminder {path.Step - 1}",
            _ => $"step {path.Step} of {path.Trigger}",
        };
    }

    static string Choice(StepPath path) =>
        (path.Branch is { } branch ? $", branch {branch}" : "") + (path.Variant is { } variant ? $", variant {variant}" : "");

    static string QuietHours(TriggerDefinition? trigger, TriggerConfiguration configuration) =>
        (trigger?.QuietHours ?? configuration.Defaults.QuietHours) is { } window
            ? $"quiet hours {Clock.Format(window.Start)}–{Clock.Format(window.End)}"
            : "quiet hours";

    /// <summary>Which cap was full at that moment, from the same ledger and windows the engine counted.</summary>
    static string Cap(FrequencyCap cap, SentMessageLedger ledger, Instant at)
    {
        if (cap.PerDay is { } perDay && ledger.CountWithin(at, Duration.FromDays(1)) >= perDay) return $"frequency cap of {perDay} per day reached";
        if (cap.PerWeek is { } perWeek && ledger.CountWithin(at, Duration.FromDays(7)) >= perWeek) return $"frequency cap of {perWeek} per week reached";
        var limits = new[] { cap.PerDay is { } d ? $"{d} per day" : null, cap.PerWeek is { } w ? $"{w} per week" : null }.OfType<string>();
        return $"frequency cap reached ({string.Join(", ", limits)}, across all triggers)";
    }

    static string Exit(ExitReason reason) => reason switch
    {
        ExitReason.OrderCompleted => "the customer ordered",
        ExitReason.CartEmptied => "the cart was emptied",
        ExitReason.Completed => "every step has run",
        ExitReason.CartActivity => "the customer moved on to the cart",
        ExitReason.AppOpened => "the app was opened",
        ExitReason.Merged => "the visitor signed in, and the known customer already runs this journey",
        ExitReason.Erased => "the customer's data was erased on request",
        _ => reason.ToWire(),
    };

    internal static string Span(Duration duration)
    {
        if (duration >= Duration.FromDays(1) && duration.BclCompatibleTicks % NodaConstants.TicksPerDay == 0)
            return duration.Days == 1 ? "1 day" : $"{duration.Days} days";
        var parts = new List<string>();
        var hours = (long)Math.Floor(duration.TotalHours);
        if (hours > 0) parts.Add($"{hours} h");
        if (duration.Minutes > 0) parts.Add($"{duration.Minutes} min");
        if (parts.Count == 0) parts.Add($"{(long)duration.TotalSeconds} s");
        return string.Join(" ", parts);
    }

    static string Percent(decimal? percent) => (percent ?? 0).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    static string Money(decimal amount, string? currency) =>
        amount.ToString("#,0.##", CultureInfo.InvariantCulture) + (currency is null ? "" : " " + currency);
}
