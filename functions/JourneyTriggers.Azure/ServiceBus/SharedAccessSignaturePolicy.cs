using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.ServiceBus;

/// <summary>
/// Signs requests with a Service Bus Shared Access Signature, the scheme Event Hubs and Notification Hubs
/// share: <c>SharedAccessSignature sr={resource}&amp;sig={signature}&amp;se={expiry}&amp;skn={key name}</c>, where
/// the resource is the entity's URI in lower case and URL-encoded, the expiry is in Unix seconds, and the
/// signature is HMAC-SHA256 over "{resource}\n{expiry}" keyed with the rule key's UTF-8 bytes, Base64 and
/// URL-encoded. A token is reused until the last quarter of its lifetime, so a retry after a long wait
/// never carries an expired one; a rotated key (<see cref="AzureNamedKeyCredential.Update"/>) signs the next
/// request at once.
/// </summary>
public sealed class SharedAccessSignaturePolicy : HttpPipelineSynchronousPolicy
{
    readonly AzureNamedKeyCredential credential;
    readonly Uri resourceUri;
    readonly TimeSpan lifetime;
    readonly TimeProvider time;
    readonly Lock gate = new();
    string? token;
    DateTimeOffset renewAt;
    (string Name, string Key) signedWith;

    /// <param name="resourceUri">The URI the token grants access under: the hub's (every request of the client is below it).</param>
    public SharedAccessSignaturePolicy(AzureNamedKeyCredential credential, Uri resourceUri, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(resourceUri);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A token must live for some time.");
        this.credential = credential;
        this.resourceUri = resourceUri;
        this.lifetime = lifetime;
        this.time = time ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, Current());

    /// <summary>The header value for a token valid until <paramref name="expiresOn"/>.</summary>
    public string Token(DateTimeOffset expiresOn)
    {
        var (name, key) = credential;
        return Token(resourceUri, name, key, expiresOn);
    }

    /// <summary>The header value for a token over <paramref name="resource"/>, valid until <paramref name="expiresOn"/>.</summary>
    public static string Token(Uri resource, string keyName, string key, DateTimeOffset expiresOn)
    {
        var encodedResource = Uri.EscapeDataString(resource.AbsoluteUri.TrimEnd('/').ToLowerInvariant());
        var expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry));
        return $"SharedAccessSignature sr={encodedResource}&sig={Uri.EscapeDataString(Convert.ToBase64String(signature))}&se={expiry}&skn={Uri.EscapeDataString(keyName)}";
    }

    string Current()
    {
        var (name, key) = credential;
        (string Name, string Key) current = (name, key);
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (token is null || now >= renewAt || signedWith != current)
            {
                token = Token(resourceUri, current.Name, current.Key, now + lifetime);
                renewAt = now + lifetime * 0.75;
                signedWith = current;
            }
            return token;
        }
    }
}
