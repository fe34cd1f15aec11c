namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// How long background work that must come after the touchpoints acknowledged before it (a due timer, a reminder tried
/// again) waits for the inbox at most: past it, it goes on the decisions there are rather than stall behind a backlog.
/// </summary>
internal static class InboxWait
{
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);
}
