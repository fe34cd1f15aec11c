using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// ISO 8601 allows a fraction on a duration's smallest unit (<c>PT1.5H</c>); NodaTime, and so every host,
/// reads one only on seconds. Such a value is not malformed, so it gets its own message, with the same
/// length written the way it is read when that can be worked out.
/// </summary>
internal static partial class DurationFractions
{
    /// <summary>The complaint about <paramref name="text"/>, or null when no unit but seconds has a fraction.</summary>
    public static string? Complaint(string text)
    {
        var match = Components().Match(text);
        if (!match.Success)
            return null;

        var parts = Parts(match.Groups["dateNumber"], match.Groups["dateUnit"], inTime: false)
            .Concat(Parts(match.Groups["timeNumber"], match.Groups["timeUnit"], inTime: true))
            .ToList();
        var fractional = parts
            .Where(part => part.Number.Contains('.') && part.Unit.Name != "seconds")
            .Select(part => part.Unit.Name)
            .FirstOrDefault();
        if (fractional is null)
            return null;

        var complaint = $"has a fraction on {fractional}; only seconds may have one";
        return InWholeUnits(parts) is { } rewritten ? $"{complaint} ({rewritten})" : complaint;
    }

    static IEnumerable<(string Number, Unit Unit)> Parts(Group numbers, Group units, bool inTime) =>
        numbers.Captures.Zip(units.Captures, (number, unit) => (number.Value.Replace(',', '.'), Unit.Of(unit.Value[0], inTime)));

    /// <summary>
    /// The same length as an ISO duration NodaTime reads; null with years or months, which have no fixed
    /// length, or beyond what a duration holds.
    /// </summary>
    static string? InWholeUnits(IEnumerable<(string Number, Unit Unit)> parts)
    {
        decimal nanoseconds = 0;
        foreach (var (number, unit) in parts)
        {
            if (unit.Length?.ToInt64Nanoseconds() is not { } length
                || !decimal.TryParse(number, CultureInfo.InvariantCulture, out var count)
                || count > long.MaxValue / length)
                return null;
            nanoseconds += count * length;
        }

        if (nanoseconds > long.MaxValue || nanoseconds != decimal.Truncate(nanoseconds))
            return null;
        return PeriodPattern.NormalizingIso.Format(Period.FromNanoseconds((long)nanoseconds).Normalize());
    }

    readonly record struct Unit(string Name, Duration? Length)
    {
        public static Unit Of(char letter, bool inTime) => (letter, inTime) switch
        {
            ('Y', false) => new("years", null),
            ('M', false) => new("months", null),
            ('W', false) => new("weeks", Duration.FromDays(7)),
            ('D', false) => new("days", Duration.FromDays(1)),
            ('H', true) => new("hours", Duration.FromHours(1)),
            ('M', true) => new("minutes", Duration.FromMinutes(1)),
            ('S', true) => new("seconds", Duration.FromSeconds(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(letter), $"{letter} is not a unit the pattern matches"),
        };
    }

    // Every unit may carry a fraction (. or , as ISO 8601 allows); \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^P(?:(?<dateNumber>\d+(?:[.,]\d+)?)(?<dateUnit>[YMWD]))*(?:T(?:(?<timeNumber>\d+(?:[.,]\d+)?)(?<timeUnit>[HMS]))+)?\z")]
    private static partial Regex Components();
}
