namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// Counters keyed by day and dimensions: a commutative monoid under <see cref="Merge"/> with
/// <see cref="Empty"/> as identity, so live hosts store one small tally per processed batch and sum
/// any of them, in any order, for any range of days — no raw events kept, no single hot counter
/// document. Immutable; build many facts at once with <see cref="MetricsTallyBuilder"/>.
/// Rows that sum to zero are dropped, so equal contents mean equal tallies.
/// </summary>
public sealed class MetricsTally : IEquatable<MetricsTally>
{
    public static readonly MetricsTally Empty = new([]);

    // Never changed after construction and never handed out as a Dictionary. Not a FrozenDictionary: a live host
    // builds one small tally per saved decision, and freezing (which picks a hash strategy per instance) cost
    // more than every later read of it.
    readonly Dictionary<MetricKey, MetricValue> rows;

    internal MetricsTally(Dictionary<MetricKey, MetricValue> rows) => this.rows = rows;

    public IReadOnlyDictionary<MetricKey, MetricValue> Rows => rows;

    public bool IsEmpty => rows.Count == 0;

    public MetricsTally Add(in MetricFact fact)
    {
        var builder = new MetricsTallyBuilder(this);
        builder.Add(fact);
        return builder.ToTally();
    }

    public static MetricsTally Merge(MetricsTally a, MetricsTally b)
    {
        if (a.IsEmpty) return b;
        if (b.IsEmpty) return a;
        var builder = new MetricsTallyBuilder(a);
        builder.Add(b);
        return builder.ToTally();
    }

    public static MetricsTally Sum(IEnumerable<MetricsTally> tallies)
    {
        var builder = new MetricsTallyBuilder();
        foreach (var tally in tallies) builder.Add(tally);
        return builder.ToTally();
    }

    /// <summary>The value of one counter; zero when the tally never counted it.</summary>
    public MetricValue this[MetricKey key] => rows.GetValueOrDefault(key, MetricValue.Zero);

    public bool Equals(MetricsTally? other)
    {
        if (other is null || other.rows.Count != rows.Count) return false;
        foreach (var (key, value) in rows)
            if (!other.rows.TryGetValue(key, out var theirs) || theirs != value) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as MetricsTally);

    public override int GetHashCode()
    {
        // Order-independent: the same rows in any order hash alike.
        var hash = 0;
        foreach (var (key, value) in rows) hash ^= HashCode.Combine(key, value);
        return hash;
    }
}
