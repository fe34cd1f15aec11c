using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Application.Messages.Unsubscribe;

/// <summary>
/// Signed, expiring unsubscribe tokens: <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload part))</c>,
/// the payload being <c>{"v":1,"c":profile key,"m":message id,"e":expiry in Unix seconds}</c>. Nothing is
/// stored: the link itself proves we issued it. Time is a parameter, so expiry is testable and
/// deterministic.
/// </summary>
public sealed class UnsubscribeTokens
{
    /// <summary>HMAC-SHA256 keys shorter than its output weaken it.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>Far longer than any token we issue; bounds the work an attacker's input can cause.</summary>
    const int MaxTokenLength = 2048;

    readonly byte[] key;

    public UnsubscribeTokens(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes) throw new ArgumentException($"The unsubscribe signing key needs at least {MinKeyBytes} bytes.", nameof(key));
        this.key = key.ToArray();
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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("c", customer.Value);
            json.WriteString("m", messageId);
            json.WriteNumber("e", expiresAt.ToUnixTimeSeconds());
            json.WriteEndObject();
        }
        var payload = Base64Url.EncodeToString(buffer.ToArray());
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    public UnsubscribeTokenResult Verify(string? token, Instant now)
    {
        if (string.IsNullOrEmpty(token)) return new UnsubscribeTokenResult.Malformed("empty");
        if (token.Length > MaxTokenLength) return new UnsubscribeTokenResult.Malformed("too long");
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1 || token.IndexOf('.', dot + 1) >= 0)
            return new UnsubscribeTokenResult.Malformed("expected two parts separated by '.'");
        var payload = token[..dot];
        var signature = token[(dot + 1)..];
        if (!Base64Url.IsValid(payload) || !Base64Url.IsValid(signature))
            return new UnsubscribeTokenResult.Malformed("not base64url");

        // The signature is checked before the payload is read, in time independent of where they differ.
        if (!CryptographicOperations.FixedTimeEquals(Sign(payload), Base64Url.DecodeFromChars(signature)))
            return UnsubscribeTokenResult.BadSignature.Instance;

        if (Read(Base64Url.DecodeFromChars(payload)) is not var (customer, messageId, expiresAt))
            return new UnsubscribeTokenResult.Malformed("unreadable payload");
        return now < expiresAt
            ? new UnsubscribeTokenResult.Valid(customer, messageId, expiresAt)
            : new UnsubscribeTokenResult.Expired(customer, messageId, expiresAt);
    }

    byte[] Sign(string payload) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload));

    /// <summary>Only reachable with a valid signature, so a failure here means a payload version we do not know.</summary>
    static (ProfileKey, string, Instant)? Read(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != 1) return null;
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
