using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Sqlite;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>The outbox as the dev inbox and <c>GET /api/outbox</c> read it.</summary>
public sealed class SqliteOutboxReader(SqliteDatabase database) : IOutboxReader
{
    public Task<IReadOnlyList<OutboxEntry>> ListAsync(string? customerId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session => OutboxTable.List(session, customerId, limit)));
    }
}
