using NodaTime;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// The host's one clock (DESIGN 4.3.1): read from <see cref="TimeProvider"/> once per invocation and
/// never allowed to move backwards, even if the system clock does.
/// </summary>
public sealed class HostClock(TimeProvider time)
{
    long lastTicks = long.MinValue;

    public Instant Now()
    {
        var ticks = Instant.FromDateTimeOffset(time.GetUtcNow()).ToUnixTimeTicks();
        while (true)
        {
            var last = Interlocked.Read(ref lastTicks);
            if (ticks <= last) return Instant.FromUnixTimeTicks(last);
            if (Interlocked.CompareExchange(ref lastTicks, ticks, last) == last) return Instant.FromUnixTimeTicks(ticks);
        }
    }
}
