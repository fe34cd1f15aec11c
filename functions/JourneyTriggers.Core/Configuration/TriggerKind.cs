namespace JourneyTriggers.Core.Configuration;

/// <summary>The behaviour a trigger watches for (wire names cart_abandoned, browse_abandoned, app_inactive).</summary>
public enum TriggerKind { CartAbandoned, BrowseAbandoned, AppInactive }
