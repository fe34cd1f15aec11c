namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// Names one armed wake-up. A wake-up whose token is no longer the journey's is stale and does nothing,
/// which is what makes at-least-once timer delivery safe.
/// </summary>
public readonly record struct TimerToken(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
