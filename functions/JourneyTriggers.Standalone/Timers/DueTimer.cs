using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Standalone.Timers;

/// <summary>A row of the timer table whose time has come; <see cref="Attempts"/> counts earlier failed tries.</summary>
internal sealed record DueTimer(long Id, ProfileKey Key, TimerDue Due, int Attempts);
