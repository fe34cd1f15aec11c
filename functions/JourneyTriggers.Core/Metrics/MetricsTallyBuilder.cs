using System.Runtime.InteropServices;

namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// Accumulates facts into counters in place: what a replay or a batch uses before it hands over an
/// immutable <see cref="MetricsTally"/>. Adding a fact to a counter already present allocates nothing.
/// </summary>
public sealed class MetricsTallyBuilder : IMetricFactSink
{
    Dictionary<MetricKey, MetricValue> rows;

    // Set when ToTally handed the rows to a tally as they are: the next Add copies them first, so the tally never changes.
    bool rowsHandedOver;

    public MetricsTallyBuilder() => rows = new Dictionary<MetricKey, MetricValue>();

    public MetricsTallyBuilder(MetricsTally start) => rows = new Dictionary<MetricKey, MetricValue>(start.Rows);

    public void Add(in MetricFact fact)
    {
        if (rowsHandedOver)
        {
            rows = new Dictionary<MetricKey, MetricValue>(rows);
            rowsHandedOver = false;
        }
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, fact.Key, out _);
        value += fact.Value;
    }

    public void Add(MetricsTally tally)
    {
        foreach (var (key, value) in tally.Rows) Add(new MetricFact(key, value));
    }

    /// <summary>The counters so far; a builder used once (a decision's) hands its rows over rather than copying them.</summary>
    public MetricsTally ToTally()
    {
        if (rows.Count == 0) return MetricsTally.Empty;
        if (!rows.ContainsValue(MetricValue.Zero))
        {
            rowsHandedOver = true;
            return new MetricsTally(rows);
        }
        var kept = new Dictionary<MetricKey, MetricValue>(rows.Count);
        foreach (var (key, value) in rows)
            if (value != MetricValue.Zero) kept.Add(key, value);
        return kept.Count == 0 ? MetricsTally.Empty : new MetricsTally(kept);
    }
}
