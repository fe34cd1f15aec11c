namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// A counter's value: how many, and the sum of their amounts (revenue as the touchpoints and effects carry
/// it, in the currency's major unit: 32900 is ฿32,900; zero for measures without one). Adding is the
/// monoid's operation.
/// </summary>
public readonly record struct MetricValue(long Count, decimal Amount)
{
    public static readonly MetricValue Zero = new(0, 0m);

    public static MetricValue operator +(MetricValue a, MetricValue b) => new(a.Count + b.Count, a.Amount + b.Amount);
}
