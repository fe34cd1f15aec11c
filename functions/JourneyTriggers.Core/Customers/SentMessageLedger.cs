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

    /// <summary>
    /// How long before now an order can be that a reminder the ledger still needs (<see cref="IsStillUseful"/>) could be
    /// credited with, when the longest attribution window is <paramref name="longestAttributionWindow"/>.
    /// </summary>
    public static Duration Reach(Duration longestAttributionWindow) => Duration.Max(CapWindow, longestAttributionWindow);

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
    public SentMessageLedger WithOutcomeRecorded(string messageId)
    {
        for (var i = 0; i < Entries.Length; i++)
            if (Entries[i].MessageId == messageId)
                return Entries[i].OutcomeRecorded ? this : new SentMessageLedger(Entries.SetItem(i, Entries[i] with { OutcomeRecorded = true }));
        return this;
    }

    /// <summary>
    /// The ledger with the send <paramref name="messageId"/> marked as converted, and with it every other send of the same
    /// journey run (its trigger and start), so an order credited later to another of the run's reminders finds its journey
    /// converted; itself when there is no such send.
    /// </summary>
    public SentMessageLedger WithConverted(string messageId)
    {
        if (Find(messageId) is not { } converted) return this;
        // Copied on the first entry to mark: a journey converted already leaves the ledger as it is.
        ImmutableArray<SentMessage>.Builder? marked = null;
        for (var i = 0; i < Entries.Length; i++)
        {
            var sent = Entries[i];
            if (!converted.SameRunAs(sent) || sent.Converted) continue;
            marked ??= Entries.ToBuilder();
            marked[i] = sent with { Converted = true };
        }
        return marked is null ? this : new SentMessageLedger(marked.ToImmutable());
    }

    public SentMessageLedger Merge(SentMessageLedger other)
    {
        var all = Entries.AddRange(other.Entries).Sort((a, b) => a.At.CompareTo(b.At));
        return new SentMessageLedger(all.Length > MaxEntries ? all.RemoveRange(0, all.Length - MaxEntries) : all);
    }

    /// <summary>
    /// Whether the ledger still needs <paramref name="e"/> at <paramref name="now"/>: for the weekly cap, or for an order its
    /// window may yet credit. Entries are let go only when a send is recorded, so this, not presence, says what the ledger holds.
    /// </summary>
    public static bool IsStillUseful(SentMessage e, Instant now) =>
        e.At > now - CapWindow || e.At + e.AttributionWindow >= now;
}
