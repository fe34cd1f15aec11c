using JourneyTriggers.Azure.Push;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>The NotificationHubs settings of either host; set in part or malformed, start-up stops with every problem named.</summary>
internal static class NotificationHubsConfiguration
{
    public static NotificationHubsSettings? Read(IConfiguration configuration)
    {
        try
        {
            return NotificationHubsSettings.Read(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupRefusedException($"JourneyTriggers cannot start: {e.Message}");
        }
    }
}
