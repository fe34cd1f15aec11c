using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Azure.TimerQueue;

/// <summary>A wake-up message read: the customer and timer it names, or why it cannot be read. The caller decides what a malformed one costs.</summary>
public abstract record WakeUpParseResult
{
    WakeUpParseResult() { }

    public sealed record Parsed(ProfileKey Key, TimerDue Timer) : WakeUpParseResult;

    /// <summary><see cref="Problem"/> names every field that is wrong and how; it never quotes more than a little of the body.</summary>
    public sealed record Malformed(string Problem) : WakeUpParseResult;
}
