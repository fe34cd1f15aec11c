using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Metrics;

/// <summary>A reporting day as text, <c>2026-11-23</c> (NodaTime's ISO pattern): how tallies, their rows and reports name it.</summary>
public static class MetricDay
{
    // A live host names a day with every saved decision, nearly always today's: the last one formatted is kept.
    sealed record Formatted(LocalDate Day, string Text);

    static Formatted? last;

    public static string Iso(LocalDate day)
    {
        if (last is { } kept && kept.Day == day) return kept.Text;
        var text = LocalDatePattern.Iso.Format(day);
        last = new Formatted(day, text);
        return text;
    }
}
