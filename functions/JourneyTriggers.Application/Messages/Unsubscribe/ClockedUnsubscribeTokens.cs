using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Messages.Unsubscribe;

/// <summary>The hosts' view of <see cref="UnsubscribeTokens"/>: issued and verified at the host clock.</summary>
public sealed class ClockedUnsubscribeTokens(UnsubscribeTokens tokens, MessageOptions options, HostClock clock) : IUnsubscribeTokens
{
    public string Issue(ProfileKey customer, string messageId) =>
        tokens.Issue(customer, messageId, clock.Now() + NodaTime.Duration.FromTimeSpan(options.UnsubscribeTokenLifetime));

    public UnsubscribeVerification Verify(string token) => tokens.Verify(token, clock.Now()) switch
    {
        UnsubscribeTokenResult.Valid valid => new UnsubscribeVerification.Valid(valid.Customer, valid.MessageId),
        UnsubscribeTokenResult.Expired => UnsubscribeVerification.Expired.Instance,
        _ => UnsubscribeVerification.Invalid.Instance,
    };
}
