using System.Security.Cryptography;
using System.Text;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// The GUIDs a send carries, derived from our deterministic message id so that every attempt of one
/// message, on any host and after any crash, names the same request: name-based UUIDs in the SHA-256
/// form of RFC 9562 (version 8, appendix B.2), each under its own namespace.
/// </summary>
public static class SendIds
{
    /// <summary>The namespace of our name-based ids (a random UUID fixed once for this product).</summary>
    static readonly Guid Namespace = new("6f1d8a52-0c4e-4b7a-9d3e-2a5b7c9e1f40");

    /// <summary>The <c>Repeatability-Request-ID</c> of every attempt to send <paramref name="messageId"/>.</summary>
    public static Guid Repeatability(string messageId) => NameBased("repeatability:" + messageId);

    /// <summary>The <c>Operation-Id</c> of the send of <paramref name="messageId"/>, so its status can be read even when the 202 was lost.</summary>
    public static Guid Operation(string messageId) => NameBased("operation:" + messageId);

    static Guid NameBased(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        var hash = SHA256.HashData(input).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash, bigEndian: true);
    }
}
