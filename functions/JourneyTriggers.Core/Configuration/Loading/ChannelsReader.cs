namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary><c>channels</c>: a non-empty preference order of distinct channels, first reachable wins.</summary>
internal static class ChannelsReader
{
    static readonly (string Wire, Channel Value)[] Wires =
    [
        (Channel.Push.ToWire(), Channel.Push),
        (Channel.Email.ToWire(), Channel.Email),
    ];

    public static IReadOnlyList<Channel>? Read(JsonField field, ErrorLog log)
    {
        var items = JsonValues.ReadItems(field, log, "channel");
        if (items is null)
            return null;

        var channels = new List<Channel>();
        foreach (var item in items)
        {
            if (JsonValues.ReadOneOf(item, log, Wires) is not { } channel)
                continue;
            if (channels.Contains(channel))
                log.Report(item.Path, $"{item.Describe()} is listed twice");
            else
                channels.Add(channel);
        }

        return channels;
    }
}
