namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>Nearest-rank percentiles of measurements sorted ascending; 0 when there are none.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
