using JourneyTriggers.Core.Assignment;

namespace JourneyTriggers.Core.GuardRails;

/// <summary>
/// The control group that measures lift: a stable share of customers per trigger whose reminders are
/// suppressed (reason holdout) but whose journeys otherwise run as if sent.
/// </summary>
public static class Holdout
{
    public static bool Includes(string trigger, string customerId, decimal holdoutPercent) =>
        holdoutPercent > 0 && StableBucket.Of("holdout:" + trigger + ":" + customerId) < holdoutPercent * 100m;
}
