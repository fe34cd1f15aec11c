namespace JourneyTriggers.Core.Metrics;

/// <summary>Where <see cref="MetricFacts"/> puts what it finds: a <see cref="MetricsTallyBuilder"/>, or a test's list.</summary>
public interface IMetricFactSink
{
    void Add(in MetricFact fact);
}
