namespace JourneyTriggers.Core.Configuration;

/// <summary>How a reminder reaches the customer.</summary>
public enum Channel { Push, Email }

public static class ChannelNames
{
    public static string ToWire(this Channel channel) => channel switch
    {
        Channel.Push => "push",
        Channel.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
