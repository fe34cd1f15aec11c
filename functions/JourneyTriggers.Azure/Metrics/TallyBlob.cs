using JourneyTriggers.Application.Metrics;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Azure.Metrics;

/// <summary>
/// One reporting day's part of a saved change's metric tally, bound for <c>tallies/{yyyy-MM-dd}/{time-ordered id}.json</c>
/// in the metrics container. The name is fixed when the change is saved, so finishing the same pending work twice
/// writes the same blob, once. No customer in the name or the content: counters by day and journey dimensions only.
/// </summary>
internal sealed record TallyBlob(string BlobName, MetricsTally Tally)
{
    public static IReadOnlyList<TallyBlob> For(MetricsTally? tally, Instant savedAt)
    {
        if (tally is null || tally.IsEmpty) return [];
        var id = BlobNames.TimeOrderedId(savedAt);
        return [.. TallyDays.Split(tally).Select(d => new TallyBlob($"{Prefix(d.Day)}{id}.json", d.Tally))];
    }

    public static string Prefix(LocalDate day) => $"tallies/{MetricDay.Iso(day)}/";

    public static string Summary(LocalDate day) => $"summaries/{MetricDay.Iso(day)}.json";
}
