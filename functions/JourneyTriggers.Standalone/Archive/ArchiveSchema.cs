using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Archive;

/// <summary>
/// The touchpoint archive's own file, <c>{dataDirectory}/archive.db</c>, with a writer of its own: keeping a batch
/// never queues behind the collector's acknowledgements in <c>inbox.db</c> or the pump's saves in
/// <c>journeytriggers.db</c>, and the file can be copied or deleted on its own.
/// </summary>
internal static class ArchiveSchema
{
    public const string FileName = "archive.db";

    public static readonly SchemaMigrations Migrations = new(
    [
        // 1: each decided touchpoint under its inbox seq (arrival order, never reused), as native JSON, with the profile
        // that owned it for erasure and the instant it was received at for ranges and retention.
        """
        CREATE TABLE touchpoints (
            seq INTEGER PRIMARY KEY,
            received_at_ticks INTEGER NOT NULL,
            customer_key TEXT NOT NULL,
            touchpoint BLOB NOT NULL
        );
        CREATE INDEX touchpoints_by_customer ON touchpoints (customer_key);
        CREATE INDEX touchpoints_by_received_at ON touchpoints (received_at_ticks);
        """,
    ]);
}
