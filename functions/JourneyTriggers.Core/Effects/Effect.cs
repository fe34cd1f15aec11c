using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// An instruction the engine returns to the shell, stamped with the clock of the decision that made
/// it. The records beside this file are the closed set; each declares its single wire name.
/// </summary>
public abstract record Effect(Instant At, CustomerRef Customer)
{
    public abstract string WireName { get; }
}
