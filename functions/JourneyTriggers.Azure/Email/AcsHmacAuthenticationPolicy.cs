using Azure;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Signs each try with a Communication Services access key (HMAC-SHA256), as the service's REST
/// authentication page documents: the signed string is
/// <c>VERB\npath-and-query\nx-ms-date;host;x-ms-content-sha256</c>, and the request carries
/// <c>x-ms-date</c>, <c>x-ms-content-sha256</c> and
/// <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=…</c>.
/// It runs once per try, so a retry is signed with a fresh date.
/// </summary>
public sealed class AcsHmacAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    public const string DateHeader = "x-ms-date";
    public const string ContentHashHeader = "x-ms-content-sha256";
    const string SignedHeaders = DateHeader + ";host;" + ContentHashHeader;

    readonly AzureKeyCredential credential;
    readonly TimeProvider time;

    public AcsHmacAuthenticationPolicy(AzureKeyCredential credential, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        this.credential = credential;
        this.time = time ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var contentHash = Convert.ToBase64String(SHA256.HashData(Body(request.Content, message.CancellationToken)));
        var uri = request.Uri.ToUri();
        var signature = Sign(credential.Key, request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash);
        request.Headers.SetValue(DateHeader, date);
        request.Headers.SetValue(ContentHashHeader, contentHash);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}");
    }

    /// <summary>
    /// The documented signature: base64 HMAC-SHA256, keyed by the base64-decoded access key, over the
    /// string to sign. <paramref name="host"/> is the Host header as sent (with the port when not the default).
    /// </summary>
    public static string Sign(string accessKey, string verb, string pathAndQuery, string date, string host, string contentHash)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(accessKey);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The Communication Services access key is not base64; copy the key (not the connection string) from the resource's Keys page.", nameof(accessKey), e);
        }
        var stringToSign = $"{verb.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    static byte[] Body(RequestContent? content, CancellationToken cancellationToken)
    {
        if (content is null) return [];
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
