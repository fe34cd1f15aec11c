using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// Shared access signature authorisation: <c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…&amp;skn=…</c>, where
/// <c>sig</c> is the HMAC-SHA256, under the rule's key, of the URL-encoded lower-case resource URI, a line feed
/// and the expiry in Unix seconds. The resource is the hub's URI, so the token opens that hub only. A token is
/// reused until it is within <see cref="Renewal"/> of its expiry.
/// </summary>
internal sealed class EventHubsSasPolicy(AzureNamedKeyCredential credential, Uri hubUri, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    static readonly TimeSpan Renewal = TimeSpan.FromMinutes(5);

    readonly Lock gate = new();
    string? token;
    DateTimeOffset expiry;
    string? signedWithKey;

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, Current());

    string Current()
    {
        var (name, key) = credential;
        lock (gate)
        {
            var now = time.GetUtcNow();
            // A rotated key (AzureNamedKeyCredential.Update) signs the next request at once.
            if (token is null || now >= expiry - Renewal || signedWithKey != name + "\n" + key)
            {
                expiry = now + Lifetime;
                token = Token(hubUri, name, key, expiry);
                signedWithKey = name + "\n" + key;
            }
            return token;
        }
    }

    /// <summary>The token for <paramref name="resource"/>, valid until <paramref name="expiresOn"/>.</summary>
    public static string Token(Uri resource, string keyName, string key, DateTimeOffset expiresOn)
    {
        var encodedResource = WebUtility.UrlEncode(resource.AbsoluteUri.TrimEnd('/').ToLowerInvariant());
        var expires = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expires)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expires}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
