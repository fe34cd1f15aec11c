using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Reads the local outbox the standalone host delivers into (DESIGN 2), newest first, for the admin
/// API and the dev inbox page. The store that writes the outbox implements it.
/// </summary>
public interface IOutboxReader
{
    /// <param name="customerId">Only this customer's messages (the known id, or the anonymous id); null for everyone's.</param>
    /// <param name="limit">At most this many entries; the caller keeps it small.</param>
    Task<IReadOnlyList<OutboxEntry>> ListAsync(string? customerId, int limit, CancellationToken cancellationToken = default);
}

/// <summary>
/// One message as it went into the outbox: the email parts (To, Subject, Html, Text) or the push parts
/// (PushTitle, PushBody, DeepLink), whichever its channel has. <see cref="Status"/> is the delivery
/// state the store recorded (pending, delivered, failed, unknown).
/// </summary>
public sealed record OutboxEntry(
    string MessageId,
    string? CustomerId,
    string? AnonymousId,
    Channel Channel,
    string Trigger,
    int Step,
    string Template,
    string? Subject,
    Instant At,
    string Status,
    string? To,
    string? Html,
    string? Text,
    string? PushTitle,
    string? PushBody,
    string? DeepLink);
