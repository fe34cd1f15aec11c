using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// One provider call's worth of a message: the email (id <c>email</c>) or one push installation (its id).
/// <see cref="Detail"/> is the provider's id once accepted, else the reason of the last refusal.
/// </summary>
public sealed record DeliveryTarget(string Id, TargetStatus Status, int Attempts, Instant? FirstAttemptAt, Instant NextAttemptAt, string? Detail)
{
    public bool IsSettled => Status is TargetStatus.Accepted or TargetStatus.Refused or TargetStatus.Gone or TargetStatus.Unknown;
}
