using CsCheck;
using JourneyTriggers.Core.Metrics;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Metrics;

public sealed class MetricDayTests
{
    [Fact]
    public void Every_day_reads_as_the_ISO_pattern_writes_it_whichever_day_was_named_before()
    {
        var days = Gen.Int[-3_000_000, 2_900_000].Select(n => new LocalDate(1970, 1, 1).PlusDays(n));
        Gen.Select(days, days).Sample((first, second) =>
        {
            Assert.Equal(LocalDatePattern.Iso.Format(first), MetricDay.Iso(first));
            Assert.Equal(LocalDatePattern.Iso.Format(first), MetricDay.Iso(first));
            Assert.Equal(LocalDatePattern.Iso.Format(second), MetricDay.Iso(second));
        });
    }

    [Fact]
    public void Threads_naming_days_at_once_each_get_their_own_day()
    {
        var days = Enumerable.Range(0, 8).Select(i => new LocalDate(2026, 11, 16).PlusDays(i)).ToArray();
        Parallel.For(0, 20_000, i => Assert.Equal(LocalDatePattern.Iso.Format(days[i % 8]), MetricDay.Iso(days[i % 8])));
    }
}
