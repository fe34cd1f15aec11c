namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// A file's schema, as the steps that build it: step N takes the file from version N-1 to N, and the
/// version reached is kept in <c>schema_version</c>. Steps are only ever appended, never edited, so a
/// file written by any earlier build upgrades in place. <see cref="Main"/> is <c>journeytriggers.db</c>'s;
/// the inbox has its own file and schema (<c>Inbox/InboxSchema</c>).
/// </summary>
internal sealed class SchemaMigrations(params string[] steps)
{
    public static readonly SchemaMigrations Main = new(
    [
        // 1: customer documents, the durable timer table, the outbox and the effect log.
        """
        CREATE TABLE customers (
            key TEXT PRIMARY KEY,
            document BLOB NOT NULL,
            etag INTEGER NOT NULL
        );

        -- The last version tag handed out. One counter for the whole file rather than one per row, so
        -- a customer erased and created again never gets back a tag that a stale writer still holds.
        CREATE TABLE etag_counter (last INTEGER NOT NULL);
        INSERT INTO etag_counter (last) VALUES (0);

        -- One row per armed wake-up; id order is the order they were armed in. run_at_ticks is when
        -- the pump takes the row next: its due instant, pushed later after a failed attempt.
        CREATE TABLE timers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            trigger TEXT NOT NULL,
            token INTEGER NOT NULL,
            due_at_ticks INTEGER NOT NULL,
            run_at_ticks INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX timers_by_run_at ON timers (run_at_ticks, id);
        CREATE INDEX timers_by_key ON timers (key, trigger, token);

        -- Every rendered message, under its deterministic id, so it can never be stored twice.
        CREATE TABLE outbox (
            message_id TEXT PRIMARY KEY,
            customer_key TEXT NOT NULL,
            customer_id TEXT,
            anonymous_id TEXT,
            channel TEXT NOT NULL,
            trigger TEXT NOT NULL,
            step INTEGER NOT NULL,
            template TEXT NOT NULL,
            locale TEXT NOT NULL,
            at_ticks INTEGER NOT NULL,
            subject TEXT,
            to_address TEXT,
            html TEXT,
            text TEXT,
            headers_json TEXT,
            push_title TEXT,
            push_body TEXT,
            push_deep_link TEXT,
            push_installations_json TEXT,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            delivered_at_ticks INTEGER,
            next_attempt_at_ticks INTEGER NOT NULL
        );
        CREATE INDEX outbox_by_customer ON outbox (customer_key, at_ticks);
        CREATE INDEX outbox_by_at ON outbox (at_ticks);
        CREATE INDEX outbox_pending ON outbox (next_attempt_at_ticks) WHERE status = 'pending';
        CREATE INDEX outbox_sending ON outbox (message_id) WHERE status = 'sending';

        -- Every decision but timer plumbing, in EffectWireFormat, for metrics. AUTOINCREMENT: a
        -- reader's position (seq) is never reused, even after the newest rows are erased.
        CREATE TABLE effects (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ticks INTEGER NOT NULL,
            customer_key TEXT NOT NULL,
            type TEXT NOT NULL,
            trigger TEXT,
            json TEXT NOT NULL
        );
        CREATE INDEX effects_by_customer ON effects (customer_key);
        """,

        // 2: push installations the provider still has to be told about, in the order they were saved.
        """
        CREATE TABLE installation_sync (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_key TEXT NOT NULL,
            installation_id TEXT NOT NULL,
            action TEXT NOT NULL,
            platform TEXT,
            push_channel TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            run_at_ticks INTEGER NOT NULL,
            last_error TEXT
        );
        CREATE INDEX installation_sync_by_installation ON installation_sync (installation_id, id);
        """,

        // 3: each outbox row's delivery record (the state machine of DESIGN 4.6, one entry per provider call)
        // and whether its verdict is on the customer's timeline yet. Rows from before were settled by the
        // SMTP dispatcher of version 1, which recorded no verdicts: they count as recorded.
        """
        ALTER TABLE outbox ADD COLUMN delivery_json TEXT;
        ALTER TABLE outbox ADD COLUMN outcome_recorded INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX outbox_unrecorded ON outbox (message_id) WHERE outcome_recorded = 0;
        DROP INDEX outbox_pending;
        CREATE INDEX outbox_pending ON outbox (next_attempt_at_ticks) WHERE status IN ('pending', 'sending');
        """,

        // 4: metric tallies (DESIGN 4.7), one row per saved decision and reporting day (yyyy-MM-dd in the
        // configuration's time zone), folded per day by their reader. Counters only: no customer, nothing to erase.
        """
        CREATE TABLE metric_tallies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            tally BLOB NOT NULL
        );
        CREATE INDEX metric_tallies_by_day ON metric_tallies (day, id);
        """,

        // 5: touchpoints the inbox pump could never decide, whole, with the reason.
        """
        CREATE TABLE dead_letters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ticks INTEGER NOT NULL,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            body BLOB NOT NULL,
            details TEXT NOT NULL
        );
        """,

        // 6: which known customer an anonymous profile was merged into, so erasing the customer finds its
        // tombstones. Filled in from the documents already stored (their "mergedInto").
        """
        ALTER TABLE customers ADD COLUMN merged_into TEXT;
        UPDATE customers SET merged_into = json_extract(CAST(document AS TEXT), '$.mergedInto')
            WHERE key LIKE 'anon:%' AND json_valid(CAST(document AS TEXT));
        CREATE INDEX customers_by_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;
        """,
    ]);

    public int Latest => steps.Length;

    /// <summary>Brings the file to <see cref="Latest"/>, in one transaction; the version it is now at.</summary>
    public int Apply(SqliteSession session) => session.InTransaction(s =>
    {
        s.Command("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)").ExecuteNonQuery();
        var version = Convert.ToInt32(s.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Latest)
            throw new InvalidOperationException($"The database is at schema version {version}, newer than this build knows ({Latest}); run a newer build.");
        for (; version < Latest; version++)
            s.Command(steps[version]).ExecuteNonQuery();
        s.Command("DELETE FROM schema_version").ExecuteNonQuery();
        s.Command("INSERT INTO schema_version (version) VALUES ($version)").Bind("$version", version).ExecuteNonQuery();
        return version;
    });
}
