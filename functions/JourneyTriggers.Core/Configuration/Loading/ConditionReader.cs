using System.Globalization;
using System.Numerics;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// A branch's <c>when</c> (DESIGN 4.3): min bounds inclusive, max bounds exclusive, so a min that is
/// not below its max could never hold, and neither could a max of 0 (cart values and order counts are
/// never negative).
/// </summary>
internal static class ConditionReader
{
    static readonly string[] Keys = ["minCartValue", "maxCartValue", "tiers", "minOrders", "maxOrders"];

    public static BranchCondition? Read(JsonField field, ErrorLog log)
    {
        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return null;

        // An empty "when" would hold always while looking conditional, and hide the branches after it.
        if (!field.Value.EnumerateObject().Any())
        {
            log.Report(field.Path, "names no condition; leave \"when\" out for a branch that always holds");
            return null;
        }

        var minCartValue = fields.Get("minCartValue") is { } minValue ? ReadCartValue(minValue, log) : null;
        var maxCartValue = fields.Get("maxCartValue") is { } maxValue
            ? AboveZero(ReadCartValue(maxValue, log), maxValue, log, "no cart is worth less than 0")
            : null;
        var tiers = fields.Get("tiers") is { } tiersField ? ReadTiers(tiersField, log) : null;
        var minOrders = fields.Get("minOrders") is { } minCount ? JsonValues.ReadWholeNumber(minCount, log, atLeast: 0) : null;
        var maxOrders = fields.Get("maxOrders") is { } maxCount
            ? AboveZero(JsonValues.ReadWholeNumber(maxCount, log, atLeast: 0), maxCount, log, "no customer has fewer than 0 orders")
            : null;

        if (minCartValue >= maxCartValue)
            log.Report(field.Path, string.Create(
                CultureInfo.InvariantCulture, $"minCartValue ({minCartValue}) must be less than maxCartValue ({maxCartValue})"));
        if (minOrders >= maxOrders)
            log.Report(field.Path, $"minOrders ({minOrders}) must be less than maxOrders ({maxOrders})");

        return new BranchCondition(minCartValue, maxCartValue, tiers, minOrders, maxOrders);
    }

    static decimal? ReadCartValue(JsonField field, ErrorLog log)
    {
        var value = JsonValues.ReadNumber(field, log);
        if (value is null or >= 0)
            return value;
        log.Report(field.Path, $"must not be negative, got {field.Describe()}");
        return null;
    }

    /// <summary>An exclusive upper bound of 0 leaves the branch dead, like a min that is not below its max.</summary>
    static T? AboveZero<T>(T? bound, JsonField field, ErrorLog log, string why)
        where T : struct, INumber<T>
    {
        if (bound is not { } value || value > T.Zero)
            return bound;
        log.Report(field.Path, $"{field.Describe()} can never hold: {why}");
        return null;
    }

    static IReadOnlyList<string>? ReadTiers(JsonField field, ErrorLog log)
    {
        var items = JsonValues.ReadItems(field, log, "tier");
        if (items is null)
            return null;

        var tiers = new List<string>();
        foreach (var item in items)
        {
            var tier = JsonValues.ReadString(item, log);
            if (tier == "")
                log.Report(item.Path, "must not be empty");
            else if (tier is not null)
                tiers.Add(tier);
        }

        return tiers;
    }
}
