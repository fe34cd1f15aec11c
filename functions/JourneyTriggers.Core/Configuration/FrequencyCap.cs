namespace JourneyTriggers.Core.Configuration;

/// <summary>Most messages per rolling 24 h and per rolling 7 × 24 h, across all triggers; null = no cap.</summary>
public sealed record FrequencyCap(int? PerDay, int? PerWeek)
{
    public static readonly FrequencyCap None = new(null, null);
}
