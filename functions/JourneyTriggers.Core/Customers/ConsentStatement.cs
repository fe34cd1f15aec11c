using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// What the customer said about one channel — granted or revoked — and when: the timestamp of the
/// touchpoint that said it, so a statement that arrives late cannot overrule one made after it. A
/// statement with no instant is older than any dated one; documents written before statements were dated are read
/// with the customer's last activity as the instant instead (the latest it can have been said).
/// Never having said anything is no statement at all (null), which the configuration's default reads.
/// </summary>
public readonly record struct ConsentStatement(bool Granted, Instant? StatedAt)
{
    /// <summary>What a touchpoint says about a channel: nothing when it leaves the channel out.</summary>
    public static ConsentStatement? Said(bool? granted, Instant at) => granted is { } g ? new ConsentStatement(g, at) : null;

    /// <summary>
    /// The statement that stands of two, whatever order they arrived in: the newer; at the same instant
    /// the revocation, because withholding a message is the safe side of a guard rail.
    /// </summary>
    public static ConsentStatement? Standing(ConsentStatement? held, ConsentStatement? other)
    {
        if (held is not { } a) return other;
        if (other is not { } b) return held;
        if (a.StatedAt != b.StatedAt) return Newer(a.StatedAt, b.StatedAt) ? a : b;
        return a.Granted ? b : a;
    }

    static bool Newer(Instant? a, Instant? b) => b is not { } bAt || a is { } aAt && aAt > bAt;
}
