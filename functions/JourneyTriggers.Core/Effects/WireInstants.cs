using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Instants as NodaTime's <see cref="InstantPattern.ExtendedIso"/> writes them
/// (<c>2026-11-22T10:00:00Z</c>, fraction only when non-zero, trailing zeros trimmed) — formatted and
/// parsed by hand straight to and from UTF-8. A customer document holds over a thousand instants, and
/// the pattern allocates a string each way; years 1–9999 take the fast path, anything else (and any
/// text the fast path does not recognise) goes through the pattern itself, so the bytes and the
/// accepted forms are exactly the pattern's.
/// </summary>
internal static class WireInstants
{
    static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;
    static readonly Instant FastFrom = Instant.FromUtc(1, 1, 1, 0, 0);

    /// <summary>Longest fast form: <c>yyyy-MM-ddTHH:mm:ss.fffffffffZ</c>.</summary>
    const int MaxLength = 30;

    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, Instant instant)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        if (TryFormat(instant, buffer, out var length)) json.WriteString(name, buffer[..length]);
        else json.WriteString(name, Pattern.Format(instant));
    }

    /// <summary>The same text as an array item.</summary>
    public static void WriteValue(Utf8JsonWriter json, Instant instant)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        if (TryFormat(instant, buffer, out var length)) json.WriteStringValue(buffer[..length]);
        else json.WriteStringValue(Pattern.Format(instant));
    }

    public static Instant Read(JsonElement value, ReadOnlySpan<byte> name)
    {
        if (value.ValueKind != JsonValueKind.String) throw WireJson.Wrong(name, "an ISO 8601 instant string");
        var raw = JsonMarshal.GetRawUtf8Value(value);
        // The raw value still has its quotes; an escaped form falls through to the pattern.
        if (TryParse(raw[1..^1], out var instant)) return instant;
        var parsed = Pattern.Parse(value.GetString()!);
        return parsed.Success ? parsed.Value : throw WireJson.Wrong(name, $"an ISO 8601 instant ({parsed.Exception.Message})");
    }

    internal static bool TryFormat(Instant instant, Span<byte> utf8, out int length)
    {
        length = 0;
        if (instant < FastFrom || instant > Instant.MaxValue) return false;
        var t = instant.InUtc().LocalDateTime;
        Digits(utf8[..4], t.Year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), t.Month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), t.Day);
        utf8[10] = (byte)'T';
        Digits(utf8.Slice(11, 2), t.Hour);
        utf8[13] = (byte)':';
        Digits(utf8.Slice(14, 2), t.Minute);
        utf8[16] = (byte)':';
        Digits(utf8.Slice(17, 2), t.Second);
        length = 19;
        if (t.NanosecondOfSecond is var nanos and not 0)
        {
            utf8[19] = (byte)'.';
            Digits(utf8.Slice(20, 9), nanos);
            length = 29;
            while (utf8[length - 1] == (byte)'0') length--;
        }
        utf8[length++] = (byte)'Z';
        return true;
    }

    internal static bool TryParse(ReadOnlySpan<byte> s, out Instant instant)
    {
        instant = default;
        if (s.Length < 20 || s.Length > MaxLength || s[^1] != (byte)'Z'
            || s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':')
            return false;
        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second))
            return false;
        var nanos = 0;
        if (s.Length > 20)
        {
            var fraction = s[20..^1];
            if (s[19] != (byte)'.' || fraction.IsEmpty || !TryDigits(fraction, out nanos)) return false;
            for (var i = fraction.Length; i < 9; i++) nanos *= 10;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanos);
        return true;
    }

    static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10) into[i] = (byte)('0' + value % 10);
    }

    static bool TryDigits(ReadOnlySpan<byte> from, out int value)
    {
        value = 0;
        foreach (var b in from)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
