namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// Compares two conversion rates as a ratio minus one, with a 95 % interval by the Katz log method:
/// ln(RR) ± 1.96 × √(1/x₁ − 1/n₁ + 1/x₀ − 1/n₀), exponentiated (Katz et al., Biometrics 1978). The
/// method needs a conversion on both sides; where a figure is undefined it is null with the reason,
/// never NaN or infinity.
/// </summary>
public static class RateComparison
{
    public const string Method = "katz-log-95";
    const double Z95 = 1.959963984540054;

    /// <summary>
    /// <paramref name="x"/> conversions of <paramref name="n"/> in <paramref name="subject"/> against
    /// <paramref name="xRef"/> of <paramref name="nRef"/> in <paramref name="reference"/>.
    /// </summary>
    public static LiftEstimate Compare(long x, long n, long xRef, long nRef, string subject, string reference)
    {
        if (n == 0) return Undefined($"no eligible journeys in {subject}");
        if (nRef == 0) return Undefined($"no eligible journeys in {reference}");
        if (x > n || xRef > nRef) return Undefined("more conversions than eligible journeys: the rates are not proportions");
        if (xRef == 0) return Undefined($"no conversions in {reference}: the ratio is undefined");
        var ratio = (double)x / n / ((double)xRef / nRef);
        if (x == 0) return new LiftEstimate(-1, null, null, Method, $"no conversions in {subject}: the interval is undefined");
        var se = Math.Sqrt(1.0 / x - 1.0 / n + 1.0 / xRef - 1.0 / nRef);
        var log = Math.Log(ratio);
        return new LiftEstimate(Round(ratio - 1), Round(Math.Exp(log - Z95 * se) - 1), Round(Math.Exp(log + Z95 * se) - 1), Method, null);
    }

    /// <summary>x ÷ n, or null when nothing was eligible.</summary>
    public static double? Rate(long x, long n) => n == 0 ? null : Round((double)x / n);

    /// <summary>Six decimals: enough for any rate a store reads, and stable bytes in the report file.</summary>
    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);

    static LiftEstimate Undefined(string reason) => new(null, null, null, Method, reason);
}
