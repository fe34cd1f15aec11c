using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Core.Assignment;

/// <summary>
/// Picks a customer's A/B variant: the first whose running weight sum × 100 exceeds
/// bucket("variant:" + trigger + ":" + step + ":" + customerId).
/// </summary>
public static class VariantAssignment
{
    public static VariantDefinition? Choose(IReadOnlyList<VariantDefinition> variants, string trigger, int step, string customerId)
    {
        if (variants.Count == 0) return null;
        var bucket = StableBucket.Of("variant:" + trigger + ":" + step.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + customerId);
        var running = 0;
        foreach (var variant in variants)
        {
            running += variant.Weight;
            if (running * 100 > bucket) return variant;
        }
        // Weights are validated to sum to 100, so the last variant always catches the top bucket.
        return variants[^1];
    }
}
