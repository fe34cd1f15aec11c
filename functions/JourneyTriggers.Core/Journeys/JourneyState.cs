using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// Where one trigger's journey stands for one customer. Closed: Idle, Armed (waiting for a step's due
/// instant) or Deferred (a step waiting out quiet hours with its branch and variant already chosen).
/// </summary>
public abstract record JourneyState
{
    JourneyState() { }

    public sealed record Idle : JourneyState
    {
        public static readonly Idle Instance = new();
    }

    public sealed record Armed(JourneyRun Run, int Step, Instant DueAt, TimerToken Token) : JourneyState;

    public sealed record Deferred(JourneyRun Run, int Step, Instant Until, TimerToken Token, StepChoice Choice) : JourneyState;

    public bool IsRunning => this is not Idle;
}
