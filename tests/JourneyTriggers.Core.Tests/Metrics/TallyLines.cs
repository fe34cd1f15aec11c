using System.Globalization;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Core.Tests.Metrics;

/// <summary>A tally as compact sorted lines, <c>day measure [trigger/step branch variant channel group reason] = count [amount]</c>, for readable expectations.</summary>
internal static class TallyLines
{
    public static IReadOnlyList<string> Of(MetricsTally tally) =>
        tally.Rows.OrderBy(r => r.Key, MetricKeyOrder.Instance).Select(r => Line(r.Key, r.Value)).ToList();

    static string Line(MetricKey k, MetricValue v)
    {
        var parts = new List<string> { k.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), k.Measure.ToWire() };
        if (k.Trigger is not null) parts.Add(k.Step == 0 ? k.Trigger : $"{k.Trigger}/{k.Step}");
        if (k.Branch is not null) parts.Add("branch=" + k.Branch);
        if (k.Variant is not null) parts.Add("variant=" + k.Variant);
        if (k.Channel is { } channel) parts.Add(channel.ToWire());
        if (k.Group.ToWire() is { } group) parts.Add(group);
        if (k.Reason is not null) parts.Add(k.Reason);
        parts.Add("= " + v.Count.ToString(CultureInfo.InvariantCulture));
        if (v.Amount != 0) parts.Add(v.Amount.ToString(CultureInfo.InvariantCulture));
        return string.Join(" ", parts);
    }
}
