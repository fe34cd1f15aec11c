using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace JourneyTriggers.Core.Assignment;

/// <summary>
/// bucket(key) of DESIGN 4.3: the first 8 bytes of SHA-256 over the UTF-8 key, big-endian, modulo
/// 10000. Every host and every replay gets the same answer for the same key.
/// </summary>
public static class StableBucket
{
    public const int Buckets = 10_000;

    public static int Of(string key)
    {
        Span<byte> utf8 = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Buckets);
    }
}
