using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>Looks at (or tampers with) the database file directly, as an operator would with the sqlite3 shell.</summary>
internal static class DatabaseFile
{
    /// <summary>
    /// The files of <paramref name="dataDirectory"/> named <paramref name="file"/> (with its <c>-wal</c> and <c>-shm</c>)
    /// whose raw bytes still hold <paramref name="text"/>: what a disk-reading tool would find, deleted rows included.
    /// </summary>
    public static async Task<List<string>> StillHolding(string dataDirectory, string file, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        var holding = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dataDirectory, file + "*"))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes);
            if (bytes.AsSpan().IndexOf(needle) >= 0) holding.Add(Path.GetFileName(path));
        }
        return holding;
    }

    public static long Count(string dataDirectory, string sql) => Convert.ToInt64(Query(dataDirectory, sql).Single()[0]);

    /// <summary>The first column of every row.</summary>
    public static List<string?> Column(string dataDirectory, string sql) =>
        Query(dataDirectory, sql).Select(row => row[0] is DBNull ? null : Convert.ToString(row[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public static List<object[]> Query(string dataDirectory, string sql)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public static void Execute(string dataDirectory, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, SqliteDatabase.FileName),
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
