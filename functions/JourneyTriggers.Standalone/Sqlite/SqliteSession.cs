using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// One open connection with its statements, each prepared on first use and reused after (a command
/// keeps its compiled statement as long as its text does not change).
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    readonly SqliteConnection connection;
    readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    SqliteTransaction? transaction;

    SqliteSession(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// SQLite's multi-thread mode, set before the process opens its first connection: no mutex taken and released around
    /// every call on a connection (each step, bind, reset and column read), which the serialized default pays. A session
    /// is only ever used by one thread at a time (the writer behind its gate, a reader taken from the pool), as
    /// Microsoft.Data.Sqlite requires anyway. Had another part of the process opened a connection first, SQLite refuses
    /// the setting and stays serialized, which is as correct, only slower.
    /// </summary>
    static SqliteSession()
    {
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
    }

    public static SqliteSession Open(string connectionString, params string[] pragmas)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            foreach (var pragma in pragmas)
            {
                using var command = connection.CreateCommand();
                command.CommandText = pragma;
                command.ExecuteNonQuery();
            }
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The statement for <paramref name="sql"/>, in the open transaction if any, with the parameters of its last use:
    /// <see cref="SqliteCommandBinding.Bind"/> sets their values instead of adding new parameter objects every time (the
    /// same text always binds all of its parameters, or the driver refuses to run it, so no stale value is ever used).
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The rowid of the last row this connection inserted (for a statement of many rows, its last row).</summary>
    public long LastInsertRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that takes the write lock at once (BEGIN IMMEDIATE),
    /// so a read inside it cannot be overtaken by another writer before it writes.
    /// </summary>
    public T InTransaction<T>(Func<SqliteSession, T> work)
    {
        using var begun = connection.BeginTransaction(deferred: false);
        transaction = begun;
        try
        {
            var result = work(this);
            begun.Commit();
            return result;
        }
        finally
        {
            transaction = null;
        }
    }

    /// <summary>
    /// Inside the open transaction: runs <paramref name="work"/> in a savepoint, released when it returns
    /// and rolled back to when it throws, so a failed write leaves nothing and the transaction goes on.
    /// False only when the rollback itself failed (SQLite already abandoned the transaction):
    /// <paramref name="failure"/> is then the cause, and the transaction must not be committed.
    /// </summary>
    public bool InSavepoint<T>(Func<SqliteSession, T> work, out T? result, out Exception? failure)
    {
        if (transaction is null) throw new InvalidOperationException("No transaction is open.");
        // Our own prepared statements: SqliteTransaction.Save and Release prepare a new command on every call,
        // and a group commit runs one savepoint per write.
        Command(Savepoint).ExecuteNonQuery();
        try
        {
            result = work(this);
            failure = null;
            Command(ReleaseSavepoint).ExecuteNonQuery();
            return true;
        }
        catch (Exception e)
        {
            result = default;
            failure = e;
            try
            {
                Command(RollbackToSavepoint).ExecuteNonQuery();
                Command(ReleaseSavepoint).ExecuteNonQuery();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    const string Savepoint = "SAVEPOINT write";
    const string ReleaseSavepoint = "RELEASE write";
    const string RollbackToSavepoint = "ROLLBACK TO write";

    public void Dispose()
    {
        foreach (var command in commands.Values) command.Dispose();
        connection.Dispose();
    }
}
