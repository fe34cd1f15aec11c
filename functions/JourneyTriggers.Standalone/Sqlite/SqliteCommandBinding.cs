using Microsoft.Data.Sqlite;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>Fluent parameter binding, so a statement reads as one expression: Command(sql).Bind(…).Bind(…).</summary>
internal static class SqliteCommandBinding
{
    /// <summary>Sets the parameter <paramref name="name"/>, reusing the one a prepared statement kept from its last use.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index >= 0) parameters[index].Value = value ?? DBNull.Value;
        else parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
