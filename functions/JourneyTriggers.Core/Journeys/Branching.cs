using JourneyTriggers.Core.Assignment;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// Resolves a step at its due instant: the first branch whose condition holds, then the customer's
/// stable variant of it. Null when no branch holds.
/// </summary>
internal static class Branching
{
    public static StepChoice? Choose(TriggerDefinition trigger, StepDefinition step, CustomerDraft customer)
    {
        foreach (var branch in step.Branches)
        {
            if (!Holds(branch.When, customer)) continue;
            var variant = VariantAssignment.Choose(branch.Variants, trigger.Name, step.Number, customer.Identity.AssignmentId);
            return new StepChoice(
                new StepPath(trigger.Name, step.Number, branch.Name, variant?.Name),
                variant?.Channels ?? branch.Channels,
                variant?.Template ?? branch.Template);
        }
        return null;
    }

    static bool Holds(BranchCondition when, CustomerDraft customer)
    {
        var cartValue = when.MinCartValue is null && when.MaxCartValue is null ? 0m : customer.Cart.Value;
        var orders = customer.Orders.Count;
        return (when.MinCartValue is not { } minValue || cartValue >= minValue)
            && (when.MaxCartValue is not { } maxValue || cartValue < maxValue)
            && (when.Tiers is not { } tiers || (customer.Profile.Tier is { } tier && tiers.Contains(tier, StringComparer.Ordinal)))
            && (when.MinOrders is not { } minOrders || orders >= minOrders)
            && (when.MaxOrders is not { } maxOrders || orders < maxOrders);
    }
}
