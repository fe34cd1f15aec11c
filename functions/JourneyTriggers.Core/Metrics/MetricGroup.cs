namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// Which side of a trigger's holdout split a row counts (DESIGN 4.3 stable assignment). None for
/// rows that belong to no trigger (funnel, carts started, rejections) or need no split (exits).
/// </summary>
public enum MetricGroup { None, Treated, Holdout }

public static class MetricGroupNames
{
    public static string? ToWire(this MetricGroup group) => group switch
    {
        MetricGroup.None => null,
        MetricGroup.Treated => "treated",
        MetricGroup.Holdout => "holdout",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public static MetricGroup? FromWire(string? wire) => wire switch
    {
        null => MetricGroup.None,
        "treated" => MetricGroup.Treated,
        "holdout" => MetricGroup.Holdout,
        _ => null,
    };
}
