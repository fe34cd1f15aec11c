using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace JourneyTriggers.Functions.Http.Auth;

internal enum KeyRole { Ingestion, Admin }

/// <summary>
/// The keys in force. Only their SHA-256 digests are kept for comparison, compared in constant time,
/// so neither timing nor a memory dump of this object gives a key away.
/// </summary>
internal sealed class AccessKeys
{
    readonly byte[][] ingestion;
    readonly byte[] admin;

    public AccessKeys(IEnumerable<string> ingestionKeys, string adminKey, KeyOrigin origin)
    {
        ingestion = [.. ingestionKeys.Select(Digest)];
        admin = Digest(adminKey);
        Origin = origin;
    }

    /// <summary>
    /// The cookie value of one admin page (<paramref name="page"/>: <c>dev-inbox</c>, <c>dashboard</c>): derived
    /// from the admin key, so it changes when that key does, yet it is not the key. A stolen cookie opens
    /// that page only, never another page nor the admin API.
    /// </summary>
    public string PageSession(string page) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(admin, Encoding.UTF8.GetBytes($"journeytriggers {page} session v1")));

    public bool IsPageSession(string page, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(PageSession(page)));

    /// <summary>Where the keys came from, for the start-up banner.</summary>
    public KeyOrigin Origin { get; }

    public KeyRole? Identify(string presented)
    {
        var digest = Digest(presented);
        if (CryptographicOperations.FixedTimeEquals(digest, admin)) return KeyRole.Admin;
        var match = false;
        foreach (var key in ingestion) match |= CryptographicOperations.FixedTimeEquals(digest, key);
        return match ? KeyRole.Ingestion : null;
    }

    static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Where the keys in force came from. Closed: configuration, a key file made now, or one made before.</summary>
internal abstract record KeyOrigin
{
    KeyOrigin() { }

    /// <summary>Auth:IngestionKeys and Auth:AdminKey are both set; no file is involved.</summary>
    public sealed record Configured : KeyOrigin;

    /// <summary>
    /// First start: the file was just written. It is the one time the banner may print the keys.
    /// A key also set in configuration wins over the file's, and is shown as null here.
    /// </summary>
    public sealed record Generated(string Path, string? IngestionKey, string? AdminKey) : KeyOrigin;

    /// <summary>
    /// A later start: the keys were read back from the file, and are not printed again. With
    /// <paramref name="IngestionKeysConfigured"/>, Auth:IngestionKeys wins over the file's ingestion key (only the admin key is the file's).
    /// </summary>
    public sealed record FromFile(string Path, bool IngestionKeysConfigured) : KeyOrigin;
}
