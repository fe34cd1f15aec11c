namespace JourneyTriggers.Core.Configuration;

/// <summary>The behaviour a trigger watches for (wire names cart_abandoned, browse_abandoned, app_inactive).</summary>
public enum TriggerKind { CartAbandoned, BrowseAbandoned, AppInactive }

public static class TriggerKindNames
{
    public static string ToWire(this TriggerKind kind) => kind switch
    {
        TriggerKind.CartAbandoned => "cart_abandoned",
        TriggerKind.BrowseAbandoned => "browse_abandoned",
        TriggerKind.AppInactive => "app_inactive",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
