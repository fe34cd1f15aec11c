using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Standalone.Sqlite;

/// <summary>
/// Live metrics from <c>metric_tallies</c>. A read is also the compaction: in one transaction it sums the
/// rows of the days asked for and replaces each day's rows by their sum, so the next read of that day is
/// one row. Atomic, so a day can be folded at any time, the open day included, and rows saved later for
/// an already folded day (a late event) are simply folded next time.
/// </summary>
public sealed class SqliteMetricsStore(SqliteDatabase database) : IMetricsStore
{
    public Task CompactAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        ReadAsync(from, to, cancellationToken);

    public Task AddAsync(MetricsTally tally, Instant at, CancellationToken cancellationToken = default)
    {
        var rows = MetricTallyTable.ToRows(tally);
        return rows.Count == 0 ? Task.CompletedTask : database.WriteAsync(session =>
        {
            foreach (var row in rows) MetricTallyTable.Append(session, row);
        }, cancellationToken);
    }

    public Task<MetricsTally> ReadAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session =>
        {
            var rows = new List<(long Id, string Day, byte[] Tally)>();
            using (var reader = session.Command("SELECT id, day, tally FROM metric_tallies WHERE day >= $from AND day <= $to ORDER BY day, id")
                       .Bind("$from", MetricTallyTable.Day(from)).Bind("$to", MetricTallyTable.Day(to)).ExecuteReader())
                while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));

            var days = new List<MetricsTally>();
            foreach (var day in rows.GroupBy(r => r.Day))
            {
                var sum = MetricsTally.Sum(day.Select(r => MetricsTallyJson.Parse(r.Tally)));
                days.Add(sum);
                if (day.Count() == 1) continue;
                foreach (var (id, _, _) in day) session.Command("DELETE FROM metric_tallies WHERE id = $id").Bind("$id", id).ExecuteNonQuery();
                MetricTallyTable.Append(session, new MetricTallyTable.Row(day.Key, MetricsTallyJson.ToUtf8(sum)));
            }
            return MetricsTally.Sum(days);
        }, cancellationToken);
}
