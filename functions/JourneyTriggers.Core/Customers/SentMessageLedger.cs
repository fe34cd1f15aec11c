using System.Collections.Immutable;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The sent-message window: long enough for the weekly cap and the longest attribution window,
/// and never longer than <see cref="MaxEntries"/>, so the document stays bounded.
/// </summary>
public sealed record SentMessageLedger(ImmutableArray<SentMessage> Entries)
{
    public const int MaxEntries = 200;
    static readonly Duration CapWindow = Duration.FromDays(7);

    public static readonly SentMessageLedger Empty = new(ImmutableArray<SentMessage>.Empty);

    public SentMessageLedger Record(SentMessage message)
    {
        var kept = Entries.RemoveAll(e => !IsStillUseful(e, message.At));
        if (kept.Length >= MaxEntries) kept = kept.RemoveAt(0);
        return new SentMessageLedger(kept.Add(message));
    }

    /// <summary>Entries sent in the half-open window (now − length, now].</summary>
    public int CountWithin(Instant now, Duration length)
    {
        var count = 0;
        foreach (var e in Entries)
            if (e.At > now - length && e.At <= now) count++;
        return count;
    }

    /// <summary>The send <paramref name="messageId"/>, or null once the ledger has let it go (or it was never sent).</summary>
    public SentMessage? Find(string messageId)
    {
        foreach (var sent in Entries)
            if (sent.MessageId == messageId) return sent;
        return null;
    }

    /// <summary>The ledger with the send <paramref name="messageId"/> marked as having its verdict recorded; itself when there is no such send.</summary>
    public SentMessageLedger WithOutcomeRecorded(string messageId) => Marked(messageId, sent => sent.OutcomeRecorded ? sent : sent with { OutcomeRecorded = true });

    /// <summary>The ledger with the send <paramref name="messageId"/> marked as converted; itself when there is no such send.</summary>
    public SentMessageLedger WithConverted(string messageId) => Marked(messageId, sent => sent.Converted ? sent : sent with { Converted = true });

    SentMessageLedger Marked(string messageId, Func<SentMessage, SentMessage> mark)
    {
        for (var i = 0; i < Entries.Length; i++)
            if (Entries[i].MessageId == messageId)
                return mark(Entries[i]) is var marked && !ReferenceEquals(marked, Entries[i]) ? new SentMessageLedger(Entries.SetItem(i, marked)) : this;
        return this;
    }

    public SentMessageLedger Merge(SentMessageLedger other)
    {
        var all = Entries.AddRange(other.Entries).Sort((a, b) => a.At.CompareTo(b.At));
        return new SentMessageLedger(all.Length > MaxEntries ? all.RemoveRange(0, all.Length - MaxEntries) : all);
    }

    static bool IsStillUseful(SentMessage e, Instant now) =>
        e.At > now - CapWindow || e.At + e.AttributionWindow >= now;
}
