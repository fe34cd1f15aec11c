namespace JourneyTriggers.Core.Metrics;

/// <summary>One thing that happened, as a tally counts it: usually one count, with an amount for orders and conversions.</summary>
public readonly record struct MetricFact(MetricKey Key, MetricValue Value)
{
    public static MetricFact One(MetricKey key, decimal amount = 0m) => new(key, new MetricValue(1, amount));
}
