using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// ISO 8601 durations as exact elapsed time (DESIGN 4.3.1): <c>P1D</c> is 24 hours even across a
/// daylight-saving change. Years and months have no fixed length, so they are refused rather than
/// guessed, as <see cref="Period.ToDuration"/> does.
/// </summary>
internal static class IsoDurations
{
    // Far beyond any reminder cadence, cooldown or attribution window, and small enough that adding
    // it to any instant of this millennium stays inside NodaTime's range instead of overflowing in the engine.
    static readonly Duration Longest = Duration.FromDays(3650);

    public static Duration? Read(JsonField field, ErrorLog log, bool allowZero)
    {
        var text = JsonValues.ReadString(field, log);
        if (text is null)
            return null;

        // NodaTime also reads a negative part (PT1H-10M is 50 minutes) and a T with nothing after it (P1DT), which ISO 8601
        // does not allow; a file meant to say something else should not be read as a length nobody wrote.
        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (parsed.Success && (text.Contains('-', StringComparison.Ordinal) || text.EndsWith('T')))
        {
            log.Report(field.Path, $"{field.Describe()} is not an ISO 8601 duration: {(text.EndsWith('T') ? "nothing follows its T" : "a part of it is negative")}");
            return null;
        }
        if (!parsed.Success)
        {
            log.Report(field.Path, $"{field.Describe()} {DurationFractions.Complaint(text) ?? "is not an ISO 8601 duration"}");
            return null;
        }

        var period = parsed.Value;
        if (period.Years != 0 || period.Months != 0)
        {
            var units = (period.Years != 0, period.Months != 0) switch
            {
                (true, true) => "years and months",
                (true, false) => "years",
                _ => "months",
            };
            log.Report(field.Path, $"{field.Describe()} uses {units}; only weeks, days, hours, minutes and seconds are allowed");
            return null;
        }

        if (ToDurationWithinRange(period) is not { } duration)
        {
            log.Report(field.Path, $"{field.Describe()} is longer than ten years (P3650D)");
            return null;
        }

        if (duration == Duration.Zero && !allowZero)
        {
            log.Report(field.Path, $"{field.Describe()} must be longer than zero");
            return null;
        }

        return duration;
    }

    static Duration? ToDurationWithinRange(Period period)
    {
        try
        {
            var duration = period.ToDuration();
            return duration <= Longest ? duration : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
