namespace JourneyTriggers.Azure.Email;

/// <summary>
/// The state of one send operation (the API's EmailSendResult): its id, status, and on a failed or
/// canceled operation the service's error code and message.
/// </summary>
public sealed record EmailSendResult(string Id, EmailSendStatus Status, string? ErrorCode = null, string? ErrorMessage = null);

/// <summary>
/// The operation's status. The API models it as an open string, so a status this client does not know
/// is kept, not refused, and counts as not final.
/// </summary>
public readonly record struct EmailSendStatus(string Value)
{
    public static EmailSendStatus NotStarted { get; } = new("NotStarted");
    public static EmailSendStatus Running { get; } = new("Running");
    public static EmailSendStatus Succeeded { get; } = new("Succeeded");
    public static EmailSendStatus Failed { get; } = new("Failed");
    public static EmailSendStatus Canceled { get; } = new("Canceled");

    public bool IsFinal => this == Succeeded || this == Failed || this == Canceled;

    public override string ToString() => Value;
}
