using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>Fluent parameter binding, so a statement reads as one expression: Command(sql).Bind(…).Bind(…).</summary>
internal static class SqliteCommandBinding
{
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
