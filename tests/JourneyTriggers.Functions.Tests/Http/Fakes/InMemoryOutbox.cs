using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary><see cref="IOutboxReader"/> over a list the test fills; newest first, as the port promises.</summary>
public sealed class InMemoryOutbox : IOutboxReader
{
    public List<OutboxEntry> Entries { get; } = [];

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(string? customerId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OutboxEntry>>([.. Entries
            .Where(e => customerId is null || e.CustomerId == customerId || e.AnonymousId == customerId)
            .OrderByDescending(e => e.At)
            .Take(limit)]);
}
