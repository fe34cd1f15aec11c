using System.Buffers;
using System.Text;
using System.Text.Json;
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

    // The fast form: seconds end at index 19, then up to nine fraction digits after a dot, then Z.
    const int SecondsEnd = 19;
    const int MaxLength = SecondsEnd + 11;

    /// <param name="now">The live host's clock; null in <c>simulate</c>, which has no such clock.</param>
    public static Instant? Read(FieldText text, Instant? now) => WithinTolerance(text, FastForm(text) ?? Parse(text), now);

    /// <summary>
    /// A Segment call's time, corrected for the sending device's clock as Segment's tracking API corrects it: a clock
    /// that is off stamps the event and the send (<c>sentAt</c>) alike, so the event happened <c>sentAt − timestamp</c>
    /// before the call arrived, which only a live host knows (<paramref name="now"/>: the moment it arrived). A
    /// <c>sentAt</c> that is not a time, or earlier than the event, corrects nothing: the call is read as it says.
    /// </summary>
    public static Instant? ReadCorrected(FieldText text, JsonElement sentAt, Instant? now)
    {
        var instant = FastForm(text) ?? Parse(text);
        if (instant is { } device && now is { } arrived && Lenient(sentAt) is { } sent)
        {
            var delay = sent - device;
            if (delay >= Duration.Zero && delay < arrived - Earliest) instant = arrived - delay;
        }
        return WithinTolerance(text, instant, now);
    }

    /// <summary>A time the call merely reports: read the fast way when it can be, null (never a rejection) when it is not a time.</summary>
    static Instant? Lenient(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        if (RawJsonText.TryGetUnescaped(value, out var utf8) && TryReadUtc(utf8) is { } fast) return fast;
        return OffsetDateTimePattern.ExtendedIso.Parse(value.GetString()!) is { Success: true } parsed && parsed.Value.Year is >= 1 and <= 9998
            ? parsed.Value.ToInstant()
            : null;
    }

    static readonly Instant Earliest = Instant.FromUtc(1, 1, 1, 0, 0);

    static Instant? WithinTolerance(FieldText text, Instant? instant, Instant? now)
    {
        if (instant is { } read && now is { } clock && read > clock + FutureTolerance)
        {
            text.Reject($"{InstantPattern.ExtendedIso.Format(read)} is more than 24 h in the future");
            return null;
        }

        return instant;
    }

    /// <summary>The fast form read from the JSON's own bytes where it can be, so the text is decoded only when refused.</summary>
    static Instant? FastForm(FieldText text)
    {
        if (text.TryGetUtf8(out var utf8))
        {
            return TryReadUtc(utf8);
        }

        // A header or an escaped string: the fast form is ASCII, so anything else is the pattern's to read.
        Span<byte> ascii = stackalloc byte[MaxLength];
        var value = text.Value;
        return value.Length <= MaxLength && Ascii.FromUtf16(value, ascii, out var written) == OperationStatus.Done
            ? TryReadUtc(ascii[..written])
            : null;
    }

    /// <summary>
    /// What nearly every event sends, <c>2026-11-16T00:00:02Z</c> with up to nine fraction digits, read without
    /// the general pattern's allocations. Null for anything else, which the pattern then reads (or refuses)
    /// exactly as before: only text the pattern accepts with the same instant is taken here.
    /// </summary>
    static Instant? TryReadUtc(ReadOnlySpan<byte> text)
    {
        if (text.Length < SecondsEnd + 1 || text.Length > MaxLength || text[^1] != 'Z'
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return null;
        }

        long nanoseconds = 0;
        if (text.Length > SecondsEnd + 1)
        {
            var digits = text.Length - SecondsEnd - 2;
            if (text[SecondsEnd] != '.' || digits == 0 || Digits(text, SecondsEnd + 1, digits) is not { } fraction)
            {
                return null;
            }

            nanoseconds = fraction;
            for (var i = digits; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }

        if (Digits(text, 0, 4) is not { } year || Digits(text, 5, 2) is not { } month || Digits(text, 8, 2) is not { } day
            || Digits(text, 11, 2) is not { } hour || Digits(text, 14, 2) is not { } minute || Digits(text, 17, 2) is not { } second)
        {
            return null;
        }

        // Out-of-range values and the calendar's ends are left to the pattern, which words the refusal.
        if (year is < 1 or > 9998 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth((int)year, (int)month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return Instant.FromUtc((int)year, (int)month, (int)day, (int)hour, (int)minute, (int)second).PlusNanoseconds(nanoseconds);
    }

    static long? Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        long value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit((char)text[i]))
            {
                return null;
            }

            value = value * 10 + (text[i] - '0');
        }

        return value;
    }

    static Instant? Parse(FieldText text)
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

        return parsed.Value.ToInstant();
    }
}
