using JourneyTriggers.Core.Metrics.Report;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Metrics.Report;

public class MetricsQueryTests
{
    [Fact]
    public void Every_parameter_is_optional()
    {
        var (all, none) = MetricsQuery.Parse(null, "", null);
        Assert.Equal(MetricsQuery.All, all);
        Assert.Empty(none);
        var (query, _) = MetricsQuery.Parse("2026-11-16", "2026-11-22", "abandoned_cart");
        Assert.Equal(new MetricsQuery(new LocalDate(2026, 11, 16), new LocalDate(2026, 11, 22), "abandoned_cart"), query);
    }

    [Fact]
    public void Days_are_inclusive()
    {
        var query = new MetricsQuery(new LocalDate(2026, 11, 16), new LocalDate(2026, 11, 22));
        Assert.True(query.Includes(new LocalDate(2026, 11, 16)));
        Assert.True(query.Includes(new LocalDate(2026, 11, 22)));
        Assert.False(query.Includes(new LocalDate(2026, 11, 23)));
    }

    [Fact]
    public void Every_problem_names_its_parameter()
    {
        var (query, problems) = MetricsQuery.Parse("16/11/2026", "2026-11-31", " ");
        Assert.Null(query);
        Assert.Equal(
        [
            "from: \"16/11/2026\" is not a day like 2026-11-16 (yyyy-MM-dd, in the store's time zone)",
            "to: \"2026-11-31\" is not a day like 2026-11-16 (yyyy-MM-dd, in the store's time zone)",
            "trigger: empty; leave it out for every trigger, or name one",
        ], problems);
        Assert.Equal(["from: 2026-11-22 is after to (2026-11-16); give the earlier day first"], MetricsQuery.Parse("2026-11-22", "2026-11-16", null).Problems);
    }
}
