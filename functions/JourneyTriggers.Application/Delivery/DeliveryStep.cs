using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Delivery;
using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>What the shell does next with a message, and the progress it records first (committed before any provider call).</summary>
public abstract record DeliveryStep(DeliveryProgress Progress)
{
    /// <summary>Record <see cref="DeliveryStep.Progress"/> (the target claimed as sending), then call the provider for <see cref="TargetId"/>.</summary>
    public sealed record Send(DeliveryProgress Progress, string TargetId) : DeliveryStep(Progress);

    /// <summary>Nothing due now; look again at <see cref="Until"/>.</summary>
    public sealed record Wait(DeliveryProgress Progress, Instant Until) : DeliveryStep(Progress);

    /// <summary>Every target settled: record the verdict, and forget the installations the provider reported gone.</summary>
    public sealed record Finished(DeliveryProgress Progress, DeliveryVerdict Verdict, IReadOnlyList<string> GoneInstallations) : DeliveryStep(Progress)
    {
        /// <summary>The verdict as the customer's document records it, for <paramref name="message"/>.</summary>
        public DeliveryReport ReportFor(OutboundMessage message) =>
            new(message.MessageId, message.Channel, message.Trigger, message.Step, Verdict, GoneInstallations);
    }
}
