using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary>
/// <see cref="IMetricsStore"/> over the in-memory customer store: the tallies of every change it saved, summed for the
/// days asked, and the tallies added on their own. Compactions are recorded (nothing to fold here); they and additions fail
/// with <see cref="Failure"/> when set.
/// </summary>
public sealed class InMemoryMetricsStore(InMemoryCustomerStore store) : IMetricsStore
{
    readonly List<(LocalDate From, LocalDate To)> compacted = [];
    readonly List<MetricsTally> added = [];

    public Exception? Failure { get; set; }

    public IReadOnlyList<(LocalDate From, LocalDate To)> Compacted
    {
        get { lock (compacted) return [.. compacted]; }
    }

    public Task CompactAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure) return Task.FromException(failure);
        lock (compacted) compacted.Add((from, to));
        return Task.CompletedTask;
    }

    public Task AddAsync(MetricsTally tally, Instant at, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure) return Task.FromException(failure);
        lock (added) added.Add(tally);
        return Task.CompletedTask;
    }

    public Task<MetricsTally> ReadAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        var builder = new MetricsTallyBuilder();
        List<MetricsTally> tallies;
        lock (added) tallies = [.. store.Changes.Select(c => c.Metrics ?? MetricsTally.Empty), .. added];
        foreach (var tally in tallies)
            foreach (var (key, value) in tally.Rows)
                if (key.Day >= from && key.Day <= to) builder.Add(new MetricFact(key, value));
        return Task.FromResult(builder.ToTally());
    }
}
