using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// An event refused for good: its raw bytes exactly as received, why, when, and where it came from.
/// <see cref="Source"/> names the function (<c>touchpoints</c>, <c>timers</c>, <c>events</c>);
/// <see cref="Details"/> holds what locates it there (<see cref="DeadLetterDetails"/> names the usual keys).
/// </summary>
public sealed record DeadLetter(
    Instant At,
    string Source,
    string Reason,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Details);

/// <summary>A dead letter as kept, with the id it is kept under.</summary>
public sealed record StoredDeadLetter(string Id, DeadLetter Letter);

/// <summary>The keys of <see cref="DeadLetter.Details"/> that hosts fill in, so they read the same everywhere.</summary>
public static class DeadLetterDetails
{
    public const string PartitionId = "partitionId";
    public const string SequenceNumber = "sequenceNumber";
    public const string Offset = "offset";
    public const string EnqueuedTime = "enqueuedTime";
    public const string MessageId = "messageId";
    public const string DequeueCount = "dequeueCount";
}
