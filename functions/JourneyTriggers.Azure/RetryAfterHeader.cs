using System.Globalization;
using Azure;

namespace JourneyTriggers.Azure;

/// <summary>
/// The wait a service asked for, read the same way for every provider client of ours: <c>retry-after-ms</c> or
/// <c>x-ms-retry-after-ms</c> in milliseconds, else <c>Retry-After</c> in seconds or as an HTTP date.
/// </summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Of(Response response, DateTimeOffset now)
    {
        foreach (var name in (ReadOnlySpan<string>)["retry-after-ms", "x-ms-retry-after-ms"])
            if (response.Headers.TryGetValue(name, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
                return TimeSpan.FromMilliseconds(millis);
        if (!response.Headers.TryGetValue("Retry-After", out var value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
