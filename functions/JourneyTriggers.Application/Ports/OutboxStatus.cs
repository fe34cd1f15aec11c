namespace JourneyTriggers.Application.Ports;

/// <summary>Where a recorded message is on its way out (DESIGN 4.6).</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its provider call.</summary>
    Pending,
    /// <summary>Handed to the provider right now; found so after a crash it becomes <see cref="Unknown"/>.</summary>
    Sending,
    /// <summary>Accepted by the provider, or kept in the outbox when the outbox is the destination.</summary>
    Delivered,
    /// <summary>Refused for good; <see cref="OutboxEntry.LastError"/> says why.</summary>
    Failed,
    /// <summary>The send was interrupted and may or may not have happened; it is never repeated.</summary>
    Unknown,
}

public static class OutboxStatusNames
{
    public static string ToWire(this OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "pending",
        OutboxStatus.Sending => "sending",
        OutboxStatus.Delivered => "delivered",
        OutboxStatus.Failed => "failed",
        OutboxStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static OutboxStatus Parse(string wire) => wire switch
    {
        "pending" => OutboxStatus.Pending,
        "sending" => OutboxStatus.Sending,
        "delivered" => OutboxStatus.Delivered,
        "failed" => OutboxStatus.Failed,
        "unknown" => OutboxStatus.Unknown,
        _ => throw new FormatException($"Unknown outbox status '{wire}'."),
    };
}
