using System.Runtime.InteropServices;
using NodaTime;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// An <c>Instant?</c> in 12 bytes rather than 24: whole days and the nanoseconds left over, both
/// counted from the Unix epoch, with a day count no instant has for "never". Exact for every
/// instant NodaTime can represent. Packed to 4 bytes so five of them fit an 80-byte object.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct ClockReading
{
    const int Never = int.MinValue;

    readonly long nanosecondOfDay;
    readonly int days;

    ClockReading(int days, long nanosecondOfDay)
    {
        this.days = days;
        this.nanosecondOfDay = nanosecondOfDay;
    }

    public static ClockReading Of(Instant? instant)
    {
        if (instant is not { } value) return new ClockReading(Never, 0);
        var sinceEpoch = value - NodaConstants.UnixEpoch;
        return new ClockReading(sinceEpoch.Days, sinceEpoch.NanosecondOfDay);
    }

    public Instant? Value => days == Never
        ? null
        : NodaConstants.UnixEpoch + (Duration.FromDays(days) + Duration.FromNanoseconds(nanosecondOfDay));
}
