using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Application.Messages;

/// <summary>Every template a trigger configuration can ask for, over steps, branches and variants.</summary>
public static class TemplateNames
{
    public static IReadOnlyList<string> Of(TriggerConfiguration configuration) =>
        [.. configuration.Triggers
            .SelectMany(t => t.Steps)
            .SelectMany(s => s.Branches)
            .SelectMany(b => b.Variants.Select(v => v.Template).Prepend(b.Template))
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
