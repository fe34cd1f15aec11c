using JourneyTriggers.Core.Configuration;

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
    }

    public TriggerConfiguration Configuration { get; }
    public TriggerDefinition[] Cart { get; }
    public TriggerDefinition[] Browse { get; }
    public TriggerDefinition[] App { get; }

    public TriggerDefinition? Find(string name) => byName.GetValueOrDefault(name);
}
