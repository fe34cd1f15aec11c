using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Privacy;

/// <summary>
/// How logs name a customer: <c>cust-</c> and 12 hex digits of an HMAC-SHA256 of the profile key. A storefront's
/// customer id is often the person's email address; logs are shipped, kept and read far from the data and outlive an
/// erasure, so they carry this instead. Keyed, so nobody without the deployment's secret can test a guessed address
/// against it; stable, so every line about one customer correlates, and <c>GET /api/customers/{id}</c> tells an
/// operator which pseudonym to search for.
/// </summary>
public sealed class CustomerPseudonyms
{
    /// <summary>Separates this use of the deployment's secret from every other (the unsubscribe tokens signed with it).</summary>
    static readonly byte[] Purpose = "journeytriggers/log-pseudonyms/v1"u8.ToArray();

    readonly byte[] key;

    CustomerPseudonyms(byte[] key) => this.key = key;

    /// <summary>Keyed by a secret the deployment keeps anyway (the unsubscribe signing key, base64), never by the secret itself.</summary>
    public static CustomerPseudonyms DerivedFrom(string base64Secret) =>
        new(HMACSHA256.HashData(Convert.FromBase64String(base64Secret), Purpose));

    public string Of(ProfileKey customer)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(customer.Value), mac);
        return "cust-" + Convert.ToHexStringLower(mac[..6]);
    }
}
