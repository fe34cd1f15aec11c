using System.Collections.Immutable;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Properties.Generators;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>A generated input: a configuration and a touchpoint stream in arrival order.</summary>
internal sealed record StreamCase(TriggerConfiguration Configuration, ImmutableArray<Touchpoint> Events)
{
    /// <summary>Like <c>simulate</c>'s default <c>--until</c>: 30 days after the latest event timestamp.</summary>
    public Instant Until => (Events.IsEmpty ? StreamBuilder.Start : Events.Max(e => e.Timestamp)) + Duration.FromDays(30);

    /// <summary>What CsCheck prints for a failing (shrunk) case: the configuration, then one line per event.</summary>
    public override string ToString() => CasePrinter.Print(this);
}
