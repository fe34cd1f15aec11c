using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Journeys;

/// <summary>What the engine decided: the customer's new state and the effects for the shell to carry out, in order.</summary>
public sealed record Decision(CustomerState State, IReadOnlyList<Effect> Effects);

/// <summary>A merge decides two documents: the known customer's, and the anonymous one, now a tombstone.</summary>
public sealed record MergeDecision(CustomerState Known, CustomerState Anonymous, IReadOnlyList<Effect> Effects);
