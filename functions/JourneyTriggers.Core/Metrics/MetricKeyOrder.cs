namespace JourneyTriggers.Core.Metrics;

/// <summary>A total order on keys (day first), so a tally writes the same bytes whatever order its rows were added in.</summary>
public sealed class MetricKeyOrder : IComparer<MetricKey>
{
    public static readonly MetricKeyOrder Instance = new();

    public int Compare(MetricKey x, MetricKey y)
    {
        var c = x.Day.CompareTo(y.Day);
        if (c == 0) c = x.Measure.CompareTo(y.Measure);
        if (c == 0) c = string.CompareOrdinal(x.Trigger, y.Trigger);
        if (c == 0) c = x.Step.CompareTo(y.Step);
        if (c == 0) c = string.CompareOrdinal(x.Branch, y.Branch);
        if (c == 0) c = string.CompareOrdinal(x.Variant, y.Variant);
        if (c == 0) c = Nullable.Compare(x.Channel, y.Channel);
        if (c == 0) c = x.Group.CompareTo(y.Group);
        if (c == 0) c = string.CompareOrdinal(x.Reason, y.Reason);
        return c;
    }
}
