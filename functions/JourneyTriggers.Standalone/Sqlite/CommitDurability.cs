namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// What a commit to the data folder survives once it returns (and so what a 202 promises):
/// <see cref="ProcessCrash"/> (SQLite's <c>synchronous = NORMAL</c> under WAL: the commit is in the operating system's
/// hands, so killing the process loses nothing, but a power cut or kernel crash can roll back the last moments) or
/// <see cref="PowerLoss"/> (<c>synchronous = FULL</c>: every commit waits for the disk to confirm its write).
/// </summary>
public enum CommitDurability
{
    ProcessCrash,
    PowerLoss,
}
