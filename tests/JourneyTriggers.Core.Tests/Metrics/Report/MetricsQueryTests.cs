using JourneyTriggers.Core.Metrics.Report;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Metrics.Report;

public class MetricsQueryTests
{
    [Fact]
    public void Days_are_inclusive()
    {
        var query = new MetricsQuery(new LocalDate(2026, 11, 16), new LocalDate(2026, 11, 22));
        Assert.True(query.Includes(new LocalDate(2026, 11, 16)));
        Assert.True(query.Includes(new LocalDate(2026, 11, 22)));
        Assert.False(query.Includes(new LocalDate(2026, 11, 23)));
    }
}
