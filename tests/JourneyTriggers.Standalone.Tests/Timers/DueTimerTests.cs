using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Standalone.Timers;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Timers;

public sealed class DueTimerTests
{
    [Fact]
    public void Grouping_keeps_each_customers_rows_in_due_order_and_customers_in_order_of_their_first_row()
    {
        DueTimer[] due = [Row(1, "c-2", 10), Row(2, "c-1", 11), Row(3, "c-2", 12), Row(4, "c-3", 13), Row(5, "c-1", 14), Row(6, "c-2", 15)];

        var groups = DueTimer.ByCustomer(due);

        Assert.Equal([[1, 3, 6], [2, 5], [4]], groups.Select(g => g.Select(t => t.Id).ToArray()).ToArray());
    }

    [Fact]
    public void Grouping_nothing_gives_no_groups() => Assert.Empty(DueTimer.ByCustomer([]));

    static DueTimer Row(long id, string customer, long dueTicks) =>
        new(id, new ProfileKey(customer), new TimerDue("abandoned_cart", new TimerToken(1), Instant.FromUnixTimeTicks(dueTicks)), 0);
}
