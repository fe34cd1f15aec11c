using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// What every destination does first with a request's readings: a rejected one is answered at once with its
/// reason, a read touchpoint goes on with its index (to be answered accepted or duplicate).
/// </summary>
public static class ReadingsTriage
{
    /// <returns>The results, rejections filled in; the other slots are for the caller to fill.</returns>
    public static EventResult[] Split(IReadOnlyList<TouchpointReading> readings, Action<int, Touchpoint> read)
    {
        var results = new EventResult[readings.Count];
        for (var i = 0; i < readings.Count; i++)
        {
            switch (readings[i])
            {
                case TouchpointReading.Rejected rejected:
                    results[i] = new EventResult(i, rejected.EventId, EventStatus.Rejected, rejected.Reason);
                    break;
                case TouchpointReading.Accepted { Touchpoint: var touchpoint }:
                    read(i, touchpoint);
                    break;
                default:
                    throw new InvalidOperationException("Unknown touchpoint reading.");
            }
        }
        return results;
    }
}
