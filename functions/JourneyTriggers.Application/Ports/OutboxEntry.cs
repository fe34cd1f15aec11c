using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// One recorded message. The email fields are set for email, the push fields for push.
/// <see cref="LastError"/> is the provider's reason for the last refusal, if any.
/// </summary>
public sealed record OutboxEntry(
    string MessageId,
    string? CustomerId,
    string? AnonymousId,
    Channel Channel,
    string Trigger,
    int Step,
    string Template,
    string Locale,
    Instant At,
    OutboxStatus Status,
    int Attempts,
    string? LastError,
    Instant? DeliveredAt,
    string? To,
    string? Subject,
    string? Html,
    string? Text,
    IReadOnlyDictionary<string, string> Headers,
    string? PushTitle,
    string? PushBody,
    string? PushDeepLink);
