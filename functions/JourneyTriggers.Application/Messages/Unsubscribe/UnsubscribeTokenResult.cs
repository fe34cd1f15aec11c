using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Application.Messages.Unsubscribe;

/// <summary>What a presented unsubscribe token turned out to be. A closed set: the cases nested here.</summary>
public abstract record UnsubscribeTokenResult
{
    UnsubscribeTokenResult() { }

    /// <summary>Signed by us and not yet expired: unsubscribe this customer.</summary>
    public sealed record Valid(ProfileKey Customer, string MessageId, Instant ExpiresAt) : UnsubscribeTokenResult;

    /// <summary>Signed by us but past its expiry; the page can offer another way to unsubscribe.</summary>
    public sealed record Expired(ProfileKey Customer, string MessageId, Instant ExpiresAt) : UnsubscribeTokenResult;

    /// <summary>Well formed, but not signed with our key: tampered with, or from another deployment.</summary>
    public sealed record BadSignature : UnsubscribeTokenResult
    {
        public static readonly BadSignature Instance = new();
    }

    /// <summary>Not a token at all: truncated, wrong shape, not base64url.</summary>
    public sealed record Malformed(string Reason) : UnsubscribeTokenResult;
}
