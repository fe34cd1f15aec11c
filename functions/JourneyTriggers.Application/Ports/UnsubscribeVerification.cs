using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>What checking an unsubscribe token gave. Closed: valid, expired (signed by us, too old) or invalid.</summary>
public abstract record UnsubscribeVerification
{
    UnsubscribeVerification() { }

    /// <summary>The token is ours and current: <see cref="Customer"/> asked to stop the email <see cref="MessageId"/> came in.</summary>
    public sealed record Valid(ProfileKey Customer, string MessageId) : UnsubscribeVerification;

    /// <summary>Signed by us but past its lifetime: a friendly page, and no consent change.</summary>
    public sealed record Expired : UnsubscribeVerification
    {
        public static readonly Expired Instance = new();
    }

    /// <summary>Malformed, tampered with, or signed with another key.</summary>
    public sealed record Invalid : UnsubscribeVerification
    {
        public static readonly Invalid Instance = new();
    }
}
