using System.Text;
using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Effects;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>The hand-written instant text must be NodaTime's ExtendedIso pattern, byte for byte, both ways.</summary>
public class WireInstantsTests
{
    static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;

    static readonly Gen<Instant> AnyInstant = Gen.OneOf(
        Gen.Long[Instant.MinValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks()].Select(Instant.FromUnixTimeTicks),
        Gen.Long[0, 4_102_444_800L].Select(Instant.FromUnixTimeSeconds),
        Gen.Select(Gen.Long[0, 4_102_444_800L], Gen.Int[0, 999_999_999], (s, ns) => Instant.FromUnixTimeSeconds(s).PlusNanoseconds(ns)));

    static string Written(Instant instant)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            WireInstants.Write(json, "at"u8, instant);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static Instant ReadBack(string json)
    {
        using var document = JsonDocument.Parse(json);
        return WireInstants.Read(document.RootElement.GetProperty("at"), "at"u8);
    }

    [Fact]
    public void Writes_what_the_pattern_formats_and_reads_it_back() =>
        AnyInstant.Sample(instant =>
        {
            var json = Written(instant);
            return json == $$"""{"at":"{{Pattern.Format(instant)}}"}""" && ReadBack(json) == instant;
        }, iter: 20_000);

    [Theory]
    [InlineData("2026-11-22T10:00:00Z")]
    [InlineData("2026-11-22T10:00:00.5Z")]
    [InlineData("2026-11-22T10:00:00.500Z")]
    [InlineData("2026-11-22T10:00:00,25Z")]
    [InlineData("2024-02-29T23:59:59.999999999Z")]
    [InlineData("2026-11-22T24:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("-0001-06-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    [InlineData("2026-11-22T10:00:00\\u002E5Z")]
    public void Reads_whatever_the_pattern_reads(string text)
    {
        var expected = Pattern.Parse(text.Replace("\\u002E", ".", StringComparison.Ordinal)).Value;
        Assert.Equal(expected, ReadBack($$"""{"at":"{{text}}"}"""));
    }

    [Theory]
    [InlineData("2026-02-29T10:00:00Z")]
    [InlineData("2026-11-22T25:00:00Z")]
    [InlineData("2026-11-22T10:00:00.Z")]
    [InlineData("2026-11-22T10:00:00.1234567891Z")]
    [InlineData("2026-11-22 10:00:00Z")]
    [InlineData("2026-11-22T10:00:00+07:00")]
    public void Refuses_what_the_pattern_refuses(string text)
    {
        Assert.False(Pattern.Parse(text).Success);
        Assert.Throws<JsonException>(() => ReadBack($$"""{"at":"{{text}}"}"""));
    }

    [Fact]
    public void The_ends_of_time_go_through_the_pattern()
    {
        foreach (var instant in new[] { Instant.MinValue, Instant.MaxValue, Instant.FromUtc(1, 1, 1, 0, 0) - Duration.Epsilon })
            Assert.Equal(instant, ReadBack(Written(instant)));
    }
}
