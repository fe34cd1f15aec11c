using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Standalone.Timers;

/// <summary>A row of the timer table whose time has come; <see cref="Attempts"/> counts earlier failed tries.</summary>
internal sealed record DueTimer(long Id, ProfileKey Key, TimerDue Due, int Attempts)
{
    /// <summary>
    /// The rows of one read grouped by customer, each group in the order read (due order), the groups in the
    /// order of their first row: customers can then fire side by side while one customer's rows stay in order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<DueTimer>> ByCustomer(IReadOnlyList<DueTimer> due)
    {
        var groups = new List<List<DueTimer>>();
        var byKey = new Dictionary<ProfileKey, List<DueTimer>>();
        foreach (var timer in due)
        {
            if (!byKey.TryGetValue(timer.Key, out var group))
            {
                group = [];
                byKey.Add(timer.Key, group);
                groups.Add(group);
            }
            group.Add(timer);
        }
        return groups;
    }
}
