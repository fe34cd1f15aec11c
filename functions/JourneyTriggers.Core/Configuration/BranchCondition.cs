namespace JourneyTriggers.Core.Configuration;

/// <summary>
/// A branch's <c>when</c>: every key that is set must hold. Min bounds are inclusive, max bounds
/// exclusive. <see cref="Always"/> is a branch without <c>when</c>.
/// </summary>
public sealed record BranchCondition(
    decimal? MinCartValue,
    decimal? MaxCartValue,
    IReadOnlyList<string>? Tiers,
    int? MinOrders,
    int? MaxOrders)
{
    public static readonly BranchCondition Always = new(null, null, null, null, null);
}
