using System.Diagnostics;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Delivery;

namespace JourneyTriggers.Application.Diagnostics;

/// <summary>One span per message handed to its provider (each host's dispatcher), with the verdict it came to.</summary>
public static class DeliverySpans
{
    public static Activity? Start(OutboundMessage message)
    {
        var activity = Instrumentation.Source.StartActivity("deliver " + message.Channel.ToWire(), ActivityKind.Client);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("journeytriggers.trigger", message.Trigger);
        activity?.SetTag("journeytriggers.step", message.Step);
        return activity;
    }

    public static void Settled(Activity? activity, DeliveryVerdict verdict)
    {
        var (name, status) = verdict switch
        {
            DeliveryVerdict.Delivered => ("delivered", ActivityStatusCode.Ok),
            DeliveryVerdict.Failed => ("failed", ActivityStatusCode.Error),
            _ => ("unknown", ActivityStatusCode.Error),
        };
        activity?.SetTag("journeytriggers.verdict", name);
        activity?.SetStatus(status);
    }
}
