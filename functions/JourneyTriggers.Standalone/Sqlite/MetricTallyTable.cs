using JourneyTriggers.Application.Metrics;
using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// Table <c>metric_tallies</c>: the metric facts of each saved decision, one row per reporting day, written
/// in the decision's own transaction (an append, no read, so the one writer is never held up by a hot
/// counter row). <see cref="SqliteMetricsStore"/> folds a day's rows into one when it reads them.
/// </summary>
internal static class MetricTallyTable
{
    /// <summary>A day's tally ready to insert: serialised before the write lock is taken.</summary>
    public sealed record Row(string Day, byte[] Tally);

    public static IReadOnlyList<Row> ToRows(MetricsTally? tally) => tally is null || tally.IsEmpty
        ? []
        : [.. TallyDays.Split(tally).Select(d => new Row(Day(d.Day), MetricsTallyJson.ToUtf8(d.Tally)))];

    public static void Append(SqliteSession session, Row row) =>
        session.Command("INSERT INTO metric_tallies (day, tally) VALUES ($day, $tally)").Bind("$day", row.Day).Bind("$tally", row.Tally).ExecuteNonQuery();

    public static string Day(LocalDate day) => MetricDay.Iso(day);
}
