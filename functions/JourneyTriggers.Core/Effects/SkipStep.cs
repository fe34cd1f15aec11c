using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Effects;

/// <summary>No branch of the step held (reason <c>no_matching_branch</c>); the journey goes on.</summary>
public sealed record SkipStep(Instant At, CustomerRef Customer, StepPath Path) : Effect(At, Customer)
{
    public const string NoMatchingBranch = "no_matching_branch";
    public override string WireName => "step.skipped";
}
