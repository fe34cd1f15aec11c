using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Event times: ISO 8601 with a UTC offset, because a wall-clock time without one names a different instant
/// in every time zone. A live host also refuses times far ahead of its clock (DESIGN 4.3.1), since a clock
/// that only moves forward would otherwise be dragged into the future by one wrong device.
/// </summary>
internal static class Timestamps
{
    static readonly Duration FutureTolerance = Duration.FromHours(24);

    /// <param name="now">The live host's clock; null in <c>simulate</c>, which has no such clock.</param>
    public static Instant? Read(FieldText text, Instant? now)
    {
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text.Value);
        if (!parsed.Success)
        {
            text.Reject(LocalDateTimePattern.ExtendedIso.Parse(text.Value).Success
                ? $"{text.Quoted} has no UTC offset"
                : $"{text.Quoted} is not an ISO 8601 date-time");
            return null;
        }

        // At the very ends of the calendar an offset pushes the instant past what Instant can hold.
        if (parsed.Value.Year is < 1 or > 9998)
        {
            text.Reject($"{text.Quoted} is out of range");
            return null;
        }

        var instant = parsed.Value.ToInstant();
        if (now is { } clock && instant > clock + FutureTolerance)
        {
            text.Reject($"{InstantPattern.ExtendedIso.Format(instant)} is more than 24 h in the future");
            return null;
        }

        return instant;
    }
}
