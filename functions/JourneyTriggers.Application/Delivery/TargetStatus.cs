namespace JourneyTriggers.Application.Delivery;

/// <summary>Where the send to one target (the email address, one push installation) stands.</summary>
public enum TargetStatus
{
    /// <summary>Not yet handed over, or certainly not taken and due again at <see cref="DeliveryTarget.NextAttemptAt"/>.</summary>
    Pending,
    /// <summary>
    /// Claimed for a provider call, committed before the call. Found so by a later attempt, the call may still be running
    /// elsewhere until <see cref="DeliveryTarget.NextAttemptAt"/>; found so after that, it was interrupted.
    /// </summary>
    Sending,
    Accepted,
    Refused,
    /// <summary>The push installation no longer exists at the provider.</summary>
    Gone,
    /// <summary>May have arrived; never sent again.</summary>
    Unknown,
}
