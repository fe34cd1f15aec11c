using CsCheck;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

/// <summary>
/// The common <c>…Z</c> form is read without NodaTime's pattern; whatever the text, the answer (instant or
/// refusal) must be the pattern's.
/// </summary>
public class TimestampFastPathTests
{
    // Near-misses of the fast form: digits out of range, missing or extra parts, other separators and offsets.
    static readonly Gen<string> NearIso =
        Gen.Select(
            Gen.Select(Gen.Int[0, 10000], Gen.Int[0, 13], Gen.Int[0, 32]),
            Gen.Select(Gen.Int[0, 25], Gen.Int[0, 61], Gen.Int[0, 61]),
            OneOf("", ".", ".5", ".123", ".123456789", ".1234567890", ",5", ".12a"),
            OneOf("Z", "z", "", "+00:00", "+07:00", "Z ", "ZZ"),
            OneOf("T", "t", " "))
        .Select((date, time, fraction, offset, separator) =>
            $"{date.Item1:D4}-{date.Item2:D2}-{date.Item3:D2}{separator}{time.Item1:D2}:{time.Item2:D2}:{time.Item3:D2}{fraction}{offset}");

    static Gen<string> OneOf(params string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    [Fact]
    public void Every_text_reads_as_the_general_pattern_reads_it()
    {
        NearIso.Sample(text => Assert.Equal(ByPattern(text), Read(text)), iter: 20_000);
    }

    [Theory]
    [InlineData("2026-11-16T00:00:02Z")]
    [InlineData("2024-02-29T23:59:59.999999999Z")]
    [InlineData("2026-02-29T10:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9998-12-31T23:59:59Z")]
    [InlineData("9999-01-01T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-11-16T24:00:00Z")]
    [InlineData("2026-11-16T00:00:02.Z")]
    public void Edge_cases_read_as_the_general_pattern_reads_them(string text)
    {
        Assert.Equal(ByPattern(text), Read(text));
    }

    [Fact]
    public void The_fast_form_still_refuses_times_too_far_ahead()
    {
        var now = Instant.FromUtc(2026, 11, 16, 0, 0);
        var reasons = new RejectionReasons();
        Assert.Null(Timestamps.Read(new FieldText("2026-11-17T00:00:01Z", "timestamp", FieldPosition.Root, reasons), now));
        Assert.Equal("timestamp: 2026-11-17T00:00:01Z is more than 24 h in the future", reasons.Join());
    }

    static Instant? Read(string text) =>
        Timestamps.Read(new FieldText(text, "timestamp", FieldPosition.Root, new RejectionReasons()), now: null);

    static Instant? ByPattern(string text) =>
        OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed && parsed.Value.Year is >= 1 and <= 9998
            ? parsed.Value.ToInstant()
            : null;
}
