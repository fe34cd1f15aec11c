namespace JourneyTriggers.Core.Tests.Properties.Audit;

/// <summary>The properties the audit checks; each property test asserts that its own rule holds.</summary>
internal enum Rule
{
    /// <summary>Effects come out in non-decreasing <c>at</c>.</summary>
    OrderedOutput,
    /// <summary>entered/exited pair up; no step effects of a trigger outside a running journey.</summary>
    JourneyLifecycle,
    /// <summary>
    /// No cart reminder after an order unless a new cart journey was entered since. Across a merge the
    /// journey keeps its own history: a journey that carries on (DESIGN 4.3.1 "Identity") is judged by
    /// the orders of the document it ran in, not by an order the other id placed before anyone knew
    /// they were the same customer — the engine follows the design there, and that case is a design
    /// question (see the report), not something this property can settle.
    /// </summary>
    NoSendAfterPurchase,
    /// <summary>Sends plus holdout stand-ins stay within perDay/perWeek in every rolling window.</summary>
    FrequencyCap,
    /// <summary>No send inside quiet hours in the customer's time zone; deferrals end exactly at their end.</summary>
    QuietHours,
    /// <summary>A touchpoint whose id the customer has seen produces nothing.</summary>
    Duplicates,
    /// <summary>A cart event stamped at or before the last order changes neither cart nor journeys.</summary>
    LateCartEvents,
    /// <summary>A new order is credited once, to the last reminder whose window holds it; nothing else converts.</summary>
    Conversions,
    /// <summary>The first reachable, consented channel of the step's list; no_reachable_channel only when there is none.</summary>
    ChannelChoice,
    /// <summary>No valid touchpoint is rejected.</summary>
    Acceptance,
}

internal sealed record Violation(Rule Rule, string Message);
