using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Standalone.Smtp;

/// <summary>An outbox email waiting for the SMTP server; <see cref="Attempts"/> counts the tries so far.</summary>
internal sealed record PendingEmail(
    string MessageId,
    ProfileKey Customer,
    Instant At,
    string To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers,
    int Attempts);
