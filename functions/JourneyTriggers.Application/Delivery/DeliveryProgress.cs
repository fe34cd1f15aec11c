using System.Collections.Immutable;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// The delivery record of one message (DESIGN 4.6), kept by the host beside the message under its
/// deterministic id: one <see cref="DeliveryTarget"/> per provider call it needs.
/// </summary>
public sealed record DeliveryProgress(ImmutableArray<DeliveryTarget> Targets)
{
    public const string EmailTarget = "email";

    /// <summary>A message recorded pending: nothing tried yet, every target due at <paramref name="now"/>.</summary>
    public static DeliveryProgress Start(OutboundMessage message, Instant now)
    {
        var ids = message.Channel == Channel.Email ? [EmailTarget] : message.Push?.InstallationIds.Distinct().ToArray() ?? [];
        return new DeliveryProgress([.. ids.Select(id => new DeliveryTarget(id, TargetStatus.Pending, 0, null, now, null))]);
    }

    /// <summary>The target of a message no provider sends: the outbox itself (the dev inbox, the outbox blobs).</summary>
    const string OutboxTarget = "outbox";

    /// <summary>
    /// A message kept in the outbox because its channel has no provider: delivered there and then (the verdict
    /// <c>message.delivered</c> with no provider id), so the timeline and the metrics count it like any other delivery.
    /// </summary>
    public static DeliveryProgress KeptInOutbox(Instant at) =>
        new([new DeliveryTarget(OutboxTarget, TargetStatus.Accepted, 1, at, at, null)]);

    public DeliveryTarget this[string id] => Targets.First(t => t.Id == id);

    public DeliveryProgress With(DeliveryTarget target) =>
        new(Targets.Replace(this[target.Id], target));

    /// <summary>When something is next due: the earliest pending target's next attempt; null when none is pending.</summary>
    public Instant? NextAttemptAt => Targets.Where(t => t.Status == TargetStatus.Pending).Select(t => (Instant?)t.NextAttemptAt).Min();
}
