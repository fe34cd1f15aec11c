using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Signed, expiring unsubscribe tokens (DESIGN 4.8): issued into every email's unsubscribe link and
/// List-Unsubscribe header, verified by the unsubscribe page without any other key.
/// </summary>
public interface IUnsubscribeTokens
{
    string Issue(ProfileKey customer, string messageId);

    UnsubscribeVerification Verify(string token);
}
