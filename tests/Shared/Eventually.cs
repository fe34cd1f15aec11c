using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Tests.Support;

/// <summary>Waits (in real time, briefly) for a background service to get something done.</summary>
internal static class Eventually
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Polls <paramref name="condition"/>; with a fake clock, moves it on by <paramref name="step"/> between
    /// polls, since a background sleep may have started just after the test's last move.
    /// </summary>
    public static async Task Holds(Func<bool> condition, FakeTimeProvider? time = null, TimeSpan? step = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not true after {Limit.TotalSeconds} s: {what ?? "condition"}");
            time?.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
    }
}
