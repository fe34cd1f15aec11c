using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Application.Messages.Unsubscribe;

/// <summary>
/// Expiring unsubscribe tokens that prove we issued them and tell nobody else whom they are for:
/// <c>base64url(2 ‖ nonce ‖ AES-256-GCM(payload) ‖ tag)</c>, the payload being
/// <c>{"c":profile key,"m":message id,"e":expiry in Unix seconds}</c>. A storefront's customer id is often the
/// person's email address, and a link travels through mail gateways, link scanners and proxy logs, so the payload is
/// encrypted, not only signed. The nonce is an HMAC of the payload: the same link renders the same bytes on every
/// retry, and two payloads share a nonce only if they are the same payload. Nothing is stored: the link itself
/// proves we issued it. Time is a parameter, so expiry is testable and deterministic.
/// </summary>
public sealed class UnsubscribeTokens
{
    /// <summary>HMAC-SHA256 keys shorter than its output weaken it.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>
    /// Longer than any token we issue (the longest id, 256 characters of any kind, seals to under 2,200), and what the
    /// unsubscribe route lets through; bounds the work an attacker's input can cause.
    /// </summary>
    const int MaxTokenLength = 4096;

    // The payload is sealed, never shown: its text as UTF-8 (ก is 3 bytes, not a 6-byte \u0E01), so long ids stay short links.
    static readonly JsonWriterOptions PayloadWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    const byte Version = 2;
    const int NonceBytes = 12;
    const int TagBytes = 16;

    // One secret in configuration, separate keys for each use of it (log pseudonyms derive theirs alike).
    static readonly byte[] EncryptionPurpose = "journeytriggers/unsubscribe-token/v2/encryption"u8.ToArray();
    static readonly byte[] NoncePurpose = "journeytriggers/unsubscribe-token/v2/nonce"u8.ToArray();

    readonly byte[] signingKey;
    readonly byte[] encryptionKey;
    readonly byte[] nonceKey;

    public UnsubscribeTokens(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes) throw new ArgumentException($"The unsubscribe signing key needs at least {MinKeyBytes} bytes.", nameof(key));
        signingKey = key.ToArray();
        encryptionKey = HMACSHA256.HashData(signingKey, EncryptionPurpose);
        nonceKey = HMACSHA256.HashData(signingKey, NoncePurpose);
    }

    /// <summary>From the base64 form hosts keep in configuration (see <see cref="GenerateKey"/>).</summary>
    public static UnsubscribeTokens FromBase64(string key)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(key); }
        catch (FormatException) { throw new ArgumentException("The unsubscribe signing key is not base64.", nameof(key)); }
        return new UnsubscribeTokens(bytes);
    }

    /// <summary>A fresh random key, base64, for a host to persist on first start.</summary>
    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinKeyBytes));

    public string Issue(ProfileKey customer, string messageId, Instant expiresAt)
    {
        var payload = Payload(customer, messageId, expiresAt);
        var token = new byte[1 + NonceBytes + payload.Length + TagBytes];
        token[0] = Version;
        var nonce = token.AsSpan(1, NonceBytes);
        HMACSHA256.HashData(nonceKey, payload).AsSpan(0, NonceBytes).CopyTo(nonce);
        using var aes = new AesGcm(encryptionKey, TagBytes);
        aes.Encrypt(nonce, payload, token.AsSpan(1 + NonceBytes, payload.Length), token.AsSpan(1 + NonceBytes + payload.Length), [Version]);
        return Base64Url.EncodeToString(token);
    }

    public UnsubscribeTokenResult Verify(string? token, Instant now)
    {
        if (string.IsNullOrEmpty(token)) return new UnsubscribeTokenResult.Malformed("empty");
        if (token.Length > MaxTokenLength) return new UnsubscribeTokenResult.Malformed("too long");
        var opened = token.Contains('.') ? OpenSigned(token) : OpenSealed(token);
        if (opened is not ({ } payload, null)) return opened.Failure!;
        if (Read(payload) is not var (customer, messageId, expiresAt))
            return new UnsubscribeTokenResult.Malformed("unreadable payload");
        return now < expiresAt
            ? new UnsubscribeTokenResult.Valid(customer, messageId, expiresAt)
            : new UnsubscribeTokenResult.Expired(customer, messageId, expiresAt);
    }

    (byte[]? Payload, UnsubscribeTokenResult? Failure) OpenSealed(string token)
    {
        if (!Base64Url.IsValid(token)) return (null, new UnsubscribeTokenResult.Malformed("not base64url"));
        var sealedToken = Base64Url.DecodeFromChars(token);
        if (sealedToken.Length <= 1 + NonceBytes + TagBytes) return (null, new UnsubscribeTokenResult.Malformed("too short"));
        if (sealedToken[0] != Version) return (null, new UnsubscribeTokenResult.Malformed($"unknown version {sealedToken[0]}"));
        var payload = new byte[sealedToken.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(encryptionKey, TagBytes);
        try
        {
            aes.Decrypt(sealedToken.AsSpan(1, NonceBytes), sealedToken.AsSpan(1 + NonceBytes, payload.Length), sealedToken.AsSpan(^TagBytes), payload, [Version]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return (null, UnsubscribeTokenResult.BadSignature.Instance);
        }
        return (payload, null);
    }

    /// <summary>
    /// The first form, <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload part))</c> with a readable
    /// payload: emails sent before tokens were encrypted still carry it, and their links must keep working until they
    /// expire (<see cref="MessageOptions.UnsubscribeTokenLifetime"/>, 60 days unless configured).
    /// </summary>
    (byte[]? Payload, UnsubscribeTokenResult? Failure) OpenSigned(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1 || token.IndexOf('.', dot + 1) >= 0)
            return (null, new UnsubscribeTokenResult.Malformed("expected two parts separated by '.'"));
        var payload = token[..dot];
        var signature = token[(dot + 1)..];
        if (!Base64Url.IsValid(payload) || !Base64Url.IsValid(signature))
            return (null, new UnsubscribeTokenResult.Malformed("not base64url"));
        // The signature is checked before the payload is read, in time independent of where they differ.
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(payload)), Base64Url.DecodeFromChars(signature)))
            return (null, UnsubscribeTokenResult.BadSignature.Instance);
        return (Base64Url.DecodeFromChars(payload), null);
    }

    static byte[] Payload(ProfileKey customer, string messageId, Instant expiresAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, PayloadWriting))
        {
            json.WriteStartObject();
            json.WriteString("c", customer.Value);
            json.WriteString("m", messageId);
            json.WriteNumber("e", expiresAt.ToUnixTimeSeconds());
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Only reachable once the token proved itself ours, so a failure here means a payload we do not know.</summary>
    static (ProfileKey, string, Instant)? Read(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            // The signed form's payload says its version; the sealed form's is in its first byte.
            if (root.TryGetProperty("v", out var version) && version.GetInt32() != 1) return null;
            var customer = root.GetProperty("c").GetString();
            var messageId = root.GetProperty("m").GetString();
            var expiry = root.GetProperty("e").GetInt64();
            if (customer is null || messageId is null) return null;
            return (new ProfileKey(customer), messageId, Instant.FromUnixTimeSeconds(expiry));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
