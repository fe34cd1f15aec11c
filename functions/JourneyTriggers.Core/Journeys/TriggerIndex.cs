using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>The configuration's triggers grouped by kind and by name, computed once per engine.</summary>
internal sealed class TriggerIndex
{
    readonly Dictionary<string, TriggerDefinition> byName;

    public TriggerIndex(TriggerConfiguration configuration)
    {
        Configuration = configuration;
        byName = configuration.Triggers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Cart = configuration.Triggers.Where(t => t.Kind == TriggerKind.CartAbandoned).ToArray();
        Browse = configuration.Triggers.Where(t => t.Kind == TriggerKind.BrowseAbandoned).ToArray();
        App = configuration.Triggers.Where(t => t.Kind == TriggerKind.AppInactive).ToArray();
        UncreditedOrdersKept = SentMessageLedger.Reach(configuration.Triggers.Select(t => t.AttributionWindow).DefaultIfEmpty(Duration.Zero).Max());
    }

    public TriggerConfiguration Configuration { get; }
    public TriggerDefinition[] Cart { get; }
    public TriggerDefinition[] Browse { get; }
    public TriggerDefinition[] App { get; }

    /// <summary>How long an order no reminder was credited with is kept: as long as a reminder that could hold it can be in a ledger.</summary>
    public Duration UncreditedOrdersKept { get; }

    public TriggerDefinition? Find(string name) => byName.GetValueOrDefault(name);
}
