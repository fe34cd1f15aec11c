using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary>
/// HMAC-signed tokens that expire, like the real adapter's in spirit: <c>payload.signature</c>, where the
/// payload names the customer, the message and the expiry. Enough to tell valid, expired and tampered apart.
/// </summary>
public sealed class SignedUnsubscribeTokens(TimeProvider time) : IUnsubscribeTokens
{
    static readonly byte[] Secret = "test-only unsubscribe secret"u8.ToArray();
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    public string Issue(ProfileKey customer, string messageId) => IssueExpiring(customer, messageId, time.GetUtcNow() + Lifetime);

    public string IssueExpiring(ProfileKey customer, string messageId, DateTimeOffset expires)
    {
        var payload = Encoding.UTF8.GetBytes($"{customer.Value}\n{messageId}\n{expires.ToUnixTimeSeconds()}");
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Secret, payload));
    }

    public UnsubscribeVerification Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[1])) return UnsubscribeVerification.Invalid.Instance;
        var payload = Base64Url.DecodeFromChars(parts[0]);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Secret, payload), Base64Url.DecodeFromChars(parts[1])))
            return UnsubscribeVerification.Invalid.Instance;
        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[2], CultureInfo.InvariantCulture));
        return expires <= time.GetUtcNow()
            ? UnsubscribeVerification.Expired.Instance
            : new UnsubscribeVerification.Valid(new ProfileKey(fields[0]), fields[1]);
    }
}
