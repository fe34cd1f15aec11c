using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Standalone.Smtp;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone;

/// <summary>How the standalone host keeps its state and where its messages go.</summary>
public sealed class StandaloneOptions
{
    /// <summary>The folder holding <c>journeytriggers.db</c> (and its WAL files); created if missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// Set: email goes through this server, unless the host registered another <c>IEmailSender</c> (Communication
    /// Services Email) first. Null and no other sender: emails stay in the outbox, delivered there (the dev inbox shows them).
    /// </summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>What each commit to the data folder survives (<see cref="CommitDurability"/>), the inbox's and so every 202's included.</summary>
    public CommitDurability Durability { get; init; } = CommitDurability.ProcessCrash;

    /// <summary>The longest the timer pump sleeps without looking at the timer table.</summary>
    public TimeSpan TimerPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the outbox dispatcher looks for messages due for their provider.</summary>
    public TimeSpan DeliveryPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Acknowledged events still to decide at which the collector answers 503 (Retry-After 1 s) rather than queue
    /// more: at the pump's pace of tens of thousands a second, a few seconds of work, so reads (which wait for it) stay prompt.
    /// Room for three of the pump's largest batches, so a burst is absorbed while one batch is being decided. The
    /// collector keeps what it acknowledged in memory for the pump (<c>InboxHandOff</c>): a few hundred MB at most.
    /// </summary>
    public long InboxMaxBacklog { get; init; } = 200_000;

    /// <summary>
    /// Serialized bytes of customer documents the store keeps parsed (least recently used out first); 0 keeps none.
    /// A parsed document takes about 2.5 to 3.5 times its serialized size (docs/performance.md, "Document cache").
    /// </summary>
    public long DocumentCacheBytes { get; init; } = DefaultDocumentCacheBytes;

    /// <summary>
    /// None by default. Every save installed a new parsed document that lived until the customer's next save, so the
    /// garbage collector promoted thousands of object graphs per batch, and its pauses (gen0 38 ms, gen1 94 ms on average
    /// at 15,000 events/s) were the acknowledgements' tail: without the cache p99 fell from 53–81 to 33 ms at that rate, for
    /// the same CPU per event over HTTP (docs/performance.md, "Seventh round"). Reading back a document saved moments ago
    /// finds its pages in SQLite's cache; the parse is what the cache saves, worth it for customers with very large documents.
    /// </summary>
    public const long DefaultDocumentCacheBytes = 0;

    /// <summary>
    /// How long logged decisions and settled outbox messages are kept (<c>Retention/RetentionSweeper</c>). The log grows
    /// with every decision, about a gigabyte an hour at 25,000 events a second, and the outbox holds addresses and
    /// rendered messages: neither should be kept for ever by default.
    /// </summary>
    public TimeSpan Retention { get; init; } = DefaultRetention;

    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(90);

    /// <summary>
    /// Keeps every decided touchpoint in <c>archive.db</c> (<c>Archive/TouchpointArchive</c>) for <see cref="Retention"/>, so that
    /// <c>GET /api/touchpoints</c> can hand last month's traffic to <c>simulate</c>. Off by default: it stores raw events,
    /// personal data among them, and costs a write per event.
    /// </summary>
    public bool ArchiveTouchpoints { get; init; }

    /// <summary>How often rows past <see cref="Retention"/> are deleted; the first sweep runs at start-up.</summary>
    public TimeSpan RetentionSweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Tries per provider call before "not sent" becomes final, and the back-off between them.</summary>
    public DeliveryPolicy Delivery { get; init; } = DeliveryPolicy.Default;
}
