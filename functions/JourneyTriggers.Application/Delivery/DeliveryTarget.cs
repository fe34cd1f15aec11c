using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// One provider call's worth of a message: the email (id <c>email</c>) or one push installation (its id).
/// <see cref="Detail"/> is the provider's id once accepted, else the reason of the last refusal.
/// <see cref="MayHaveArrived"/>: an earlier attempt's outcome was unknown, so it is tried again only while the provider
/// would recognise the repeat.
/// </summary>
public sealed record DeliveryTarget(string Id, TargetStatus Status, int Attempts, Instant? FirstAttemptAt, Instant NextAttemptAt, string? Detail,
    bool MayHaveArrived = false)
{
    public bool IsSettled => Status is TargetStatus.Accepted or TargetStatus.Refused or TargetStatus.Gone or TargetStatus.Unknown;
}
