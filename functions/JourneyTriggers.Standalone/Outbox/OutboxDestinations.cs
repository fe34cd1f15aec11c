using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>
/// Which channels have a provider behind the outbox. A channel without one has the outbox as its
/// destination: its messages are delivered the moment they are stored (the dev inbox shows them).
/// </summary>
public sealed record OutboxDestinations(bool Email, bool Push)
{
    public static readonly OutboxDestinations OutboxOnly = new(false, false);

    public bool Sends(Channel channel) => channel == Channel.Email ? Email : Push;
}
