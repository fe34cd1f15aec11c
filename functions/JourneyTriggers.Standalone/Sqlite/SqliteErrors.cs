using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Sqlite;

internal static class SqliteErrors
{
    const int Busy = 5;
    const int Locked = 6;

    /// <summary>Another connection held the file longer than the busy timeout: worth retrying later.</summary>
    public static bool IsBusy(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked };
}
