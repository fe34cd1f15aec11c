namespace JourneyTriggers.Core.Effects;

public enum SuppressionReason { NoReachableChannel, FrequencyCap, Holdout }

public static class SuppressionReasonNames
{
    public static string ToWire(this SuppressionReason reason) => reason switch
    {
        SuppressionReason.NoReachableChannel => "no_reachable_channel",
        SuppressionReason.FrequencyCap => "frequency_cap",
        SuppressionReason.Holdout => "holdout",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
