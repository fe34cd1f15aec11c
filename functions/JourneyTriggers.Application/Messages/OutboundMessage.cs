using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Application.Messages;

/// <summary>
/// A reminder rendered and addressed, ready for a channel. <see cref="MessageId"/> is the engine's
/// deterministic id, which every delivery path uses to refuse a second send.
/// </summary>
public sealed record OutboundMessage(
    string MessageId,
    ProfileKey Customer,
    Channel Channel,
    string Trigger,
    int Step,
    string Template,
    string Locale,
    Instant At,
    EmailContent? Email,
    PushContent? Push);

/// <summary>An email: recipient, subject, HTML and plain-text parts, and headers such as List-Unsubscribe.</summary>
public sealed record EmailContent(string To, string Subject, string Html, string Text, IReadOnlyDictionary<string, string> Headers);

/// <summary>A push notification for every installation the customer has.</summary>
public sealed record PushContent(IReadOnlyList<string> InstallationIds, string Title, string Body, string? DeepLink);
