using System.Globalization;
using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary><see cref="IDeadLetterStore"/> in a list, newest last, with a switch that makes every write fail.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    readonly Lock gate = new();
    readonly List<StoredDeadLetter> letters = [];

    /// <summary>Set to make every write fail, as an unwritable container would.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Awaited before each erasure's scan: a test holds the scan here to see what it holds up.</summary>
    public Func<Task>? BeforeErasing { get; set; }

    public IReadOnlyList<DeadLetter> Letters { get { lock (gate) return [.. letters.Select(l => l.Letter)]; } }

    public Task<string> WriteAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure) throw failure;
        lock (gate)
        {
            var id = letters.Count.ToString(CultureInfo.InvariantCulture);
            letters.Add(new StoredDeadLetter(id, letter));
            return Task.FromResult(id);
        }
    }

    public Task<IReadOnlyList<StoredDeadLetter>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<StoredDeadLetter>>([.. letters.AsEnumerable().Reverse().Take(limit)]);
    }

    public async Task<int> EraseMentioningAsync(DeadLetterMentions mentions, CancellationToken cancellationToken = default)
    {
        if (BeforeErasing is { } before) await before();
        lock (gate) return letters.RemoveAll(l => mentions.Names(l.Letter.Body.Span));
    }
}
