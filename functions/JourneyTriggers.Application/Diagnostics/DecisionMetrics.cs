using System.Diagnostics;
using System.Diagnostics.Metrics;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Application.Diagnostics;

/// <summary>
/// What the engine decided, counted as it is saved: <c>journeytriggers.effects</c> by type (the wire name), trigger,
/// channel and reason, so a dashboard shows reminders sent, deferred, suppressed and why, deliveries and their
/// verdicts, conversions, journeys entered and exited; and how late wake-ups fire.
/// </summary>
public static class DecisionMetrics
{
    static readonly Counter<long> Effects = Instrumentation.Meter.CreateCounter<long>(
        "journeytriggers.effects", "{effect}", "Decisions saved, by type (message.sent, message.suppressed, message.delivered, …), trigger, channel and reason.");

    static readonly Histogram<double> Lateness = Instrumentation.Meter.CreateHistogram<double>(
        "journeytriggers.timers.lateness", "s", "How long after its due instant a wake-up fired.");

    public static void Saved(IReadOnlyList<Effect> effects)
    {
        if (!Effects.Enabled) return;
        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i];
            var tags = new TagList { { "type", effect.WireName } };
            switch (effect)
            {
                case SendReminder e: Add(ref tags, e.Path.Trigger, e.Channel, null); break;
                case SuppressReminder e: Add(ref tags, e.Path.Trigger, e.Channel, e.Reason.ToWire()); break;
                case DeferReminder e: Add(ref tags, e.Path.Trigger, null, null); break;
                case SkipStep e: Add(ref tags, e.Path.Trigger, null, null); break;
                case RecordDelivered e: Add(ref tags, e.Path.Trigger, e.Channel, null); break;
                case RecordDeliveryFailed e: Add(ref tags, e.Path.Trigger, e.Channel, null); break;
                case RecordDeliveryUnknown e: Add(ref tags, e.Path.Trigger, e.Channel, null); break;
                case RecordConversion e: Add(ref tags, e.Path.Trigger, e.Channel, e.Holdout ? "holdout" : null); break;
                case JourneyEntered e: Add(ref tags, e.Trigger, null, null); break;
                case ExitJourney e: Add(ref tags, e.Trigger, null, e.Reason.ToWire()); break;
                case ArmTimer e: Add(ref tags, e.Trigger, null, null); break;
            }
            Effects.Add(1, tags);
        }
    }

    public static void Fired(string trigger, Instant dueAt, Instant now) =>
        Lateness.Record(Math.Max(0, (now - dueAt).TotalSeconds), new KeyValuePair<string, object?>("trigger", trigger));

    static void Add(ref TagList tags, string trigger, Channel? channel, string? reason)
    {
        tags.Add("trigger", trigger);
        if (channel is { } c) tags.Add("channel", c.ToWire());
        if (reason is not null) tags.Add("reason", reason);
    }
}
