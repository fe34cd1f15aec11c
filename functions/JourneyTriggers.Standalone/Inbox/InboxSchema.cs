using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The inbox's own file, <c>{dataDirectory}/inbox.db</c>. A file of its own has a writer of its own: the
/// collector's acknowledgements never queue behind the pump's customer saves in <c>journeytriggers.db</c>,
/// and the two write on both cores at once. Nothing needs a transaction across the files: the pump removes
/// a batch only after its saves committed, and deciding a batch twice is harmless (ids are known).
/// </summary>
internal static class InboxSchema
{
    public const string FileName = "inbox.db";

    public static readonly SchemaMigrations Migrations = new(
    [
        // 1: touchpoints acknowledged and not yet decided, in arrival order (seq never reused: AUTOINCREMENT),
        // and every event id acknowledged in the last 7 days per customer, for the collector's "duplicate".
        """
        CREATE TABLE inbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            received_at_ticks INTEGER NOT NULL,
            touchpoint BLOB NOT NULL
        );
        CREATE TABLE accepted_ids (
            customer_key TEXT NOT NULL,
            event_id TEXT NOT NULL,
            at_ticks INTEGER NOT NULL,
            PRIMARY KEY (customer_key, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX accepted_ids_by_at ON accepted_ids (at_ticks);
        """,
        // 2: the acknowledged ids move to memory (AcceptedIds); on disk one row per request, its ids packed as hashes
        // (AcceptedId), appended in arrival order. The old rows are not carried over: a resent id acknowledged before
        // the upgrade is answered "accepted", and its customer's document still ignores it as a duplicate.
        """
        DROP TABLE accepted_ids;
        CREATE TABLE accepted_ids (
            seq INTEGER PRIMARY KEY,
            at_ticks INTEGER NOT NULL,
            ids BLOB NOT NULL
        );
        """,
        // 3: one row per request instead of one per touchpoint: its events as lines of native JSON, keyed by the seq of
        // the last (a request of 100 events is one row to insert and one to delete, where 100 of each rewrote the same
        // pages twice). Touchpoints keep their own seqs, gapless and never reused; the last one given is kept in
        // inbox_sequence, since no row need hold it once all are decided. Queued rows carry over as requests of one.
        """
        CREATE TABLE inbox_requests (
            last_seq INTEGER PRIMARY KEY,
            received_at_ticks INTEGER NOT NULL,
            events INTEGER NOT NULL,
            touchpoints BLOB NOT NULL
        );
        INSERT INTO inbox_requests SELECT seq, received_at_ticks, 1, touchpoint FROM inbox;
        CREATE TABLE inbox_sequence (last INTEGER NOT NULL);
        INSERT INTO inbox_sequence SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'inbox'), 0);
        DROP TABLE inbox;
        ALTER TABLE inbox_requests RENAME TO inbox;
        """,
    ]);
}
