using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// Signs every try with a Shared Access Signature, as Service Bus and Notification Hubs document it:
/// <c>SharedAccessSignature sr={resource}&amp;sig={signature}&amp;se={expiry}&amp;skn={key name}</c>, where
/// the resource is the hub's URI in lower case and URL-encoded, the expiry is in Unix seconds, and the
/// signature is HMAC-SHA256 over "{resource}\n{expiry}" keyed with the rule key's UTF-8 bytes, Base64
/// and URL-encoded. Signed per try, so a retry after a long wait never carries an expired token, and
/// a rotated key (<see cref="AzureNamedKeyCredential.Update"/>) applies to the next request.
/// </summary>
public sealed class NotificationHubsSasPolicy : HttpPipelineSynchronousPolicy
{
    readonly AzureNamedKeyCredential credential;
    readonly string resource;
    readonly TimeSpan lifetime;
    readonly TimeProvider time;

    /// <param name="resourceUri">The URI the token grants access under: the hub's (every request of this client is below it).</param>
    public NotificationHubsSasPolicy(AzureNamedKeyCredential credential, Uri resourceUri, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(resourceUri);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A token must live for some time.");
        this.credential = credential;
        resource = Uri.EscapeDataString(resourceUri.AbsoluteUri.TrimEnd('/').ToLowerInvariant());
        this.lifetime = lifetime;
        this.time = time ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, Token(time.GetUtcNow() + lifetime));

    /// <summary>The header value for a token valid until <paramref name="expiresOn"/>.</summary>
    public string Token(DateTimeOffset expiresOn)
    {
        var (name, key) = credential;
        var expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(resource + "\n" + expiry));
        return $"SharedAccessSignature sr={resource}&sig={Uri.EscapeDataString(Convert.ToBase64String(signature))}&se={expiry}&skn={Uri.EscapeDataString(name)}";
    }
}
