using System.Text;
using CsCheck;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Tests.Cli;

/// <summary>
/// simulate reads its file as UTF-8 bytes; every line must come out as reading it with a
/// StreamReader did: the same splits, the same blank lines skipped, the same readings.
/// </summary>
public sealed class Utf8LinesTests
{
    [Fact]
    public void Lines_split_where_ReadLine_splits_whatever_the_buffer_size()
    {
        Gen.Select(Gen.Char["ab\r\n "].Array[0, 60], Gen.Int[1, 8]).Sample((chars, size) =>
        {
            var text = new string(chars);
            var expected = new List<string>();
            using (var reader = new StringReader(text))
                while (reader.ReadLine() is { } line) expected.Add(line);

            var lines = new Utf8Lines(new MemoryStream(Encoding.UTF8.GetBytes(text)), size);
            var actual = new List<string>();
            Assert.True(lines.TryStart());
            while (lines.TryRead(out var line)) actual.Add(Encoding.UTF8.GetString(line.Span));

            Assert.Equal(expected, actual);
        }, iter: 5_000);
    }

    static readonly string[] Tricky =
    [
        Event(1, "\"name\":\"ข้าวหอมมะลิ\""),
        "",
        "   \t",
        "\u00A0\u2028",
        Event(2, "\"note\":\"\u00A0\""),
        "{ not json",
        "[1, 2",
        Event(3, "\"x\":1") + "   ",
        "\"just a string\"",
    ];

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("\r", false)]
    [InlineData("\n", true)]
    public void A_file_reads_as_a_StreamReader_reads_it(string newline, bool byteOrderMark)
    {
        var text = string.Join(newline, Tricky) + newline + Event(4, "\"y\":2");
        var bytes = (byteOrderMark ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        AssertSameReadings(bytes);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_refuse_their_line_and_only_it()
    {
        // A StreamReader would read each bad sequence as U+FFFD and the event as if it said so; live ingestion refuses it.
        var line = Encoding.UTF8.GetBytes(Event(1, "\"name\":\"ab\""));
        var at = Array.IndexOf(line, (byte)'b');
        byte[] bad = [.. line[..at], 0xFF, 0xC3, 0x28, 0xE2, 0x82, .. line[at..], (byte)'\n', 0xC2, (byte)'\n', 0xA0, (byte)' ', (byte)'\n', .. line];

        var read = TouchpointLines.Read(new MemoryStream(bad)).ToList();

        Assert.Equal(
            [
                $"not UTF-8: byte 0xFF at byte {at + 1} of the line; save the file as UTF-8",
                "not UTF-8: byte 0xC2 at byte 1 of the line; save the file as UTF-8",
                "not UTF-8: byte 0xA0 at byte 1 of the line; save the file as UTF-8",
            ],
            read.Take(3).Select(r => Assert.IsType<TouchpointReading.Rejected>(r.Reading).Reason));
        Assert.IsType<TouchpointReading.Accepted>(read[3].Reading);
    }

    [Fact]
    public void A_UTF16_file_is_read_by_a_StreamReader()
    {
        var text = string.Join("\n", Tricky);
        AssertSameReadings([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        AssertSameReadings([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]);
    }

    [Fact]
    public void A_line_longer_than_the_buffer_is_read_whole()
    {
        var padding = new string('x', 3 << 20);
        AssertSameReadings(Encoding.UTF8.GetBytes(Event(1, $"\"name\":\"{padding}\"") + "\n" + Event(2, "\"x\":1")));
    }

    static void AssertSameReadings(byte[] file)
    {
        var expected = TouchpointLines.Read(new StreamReader(new MemoryStream(file))).Select(Describe).ToList();
        var actual = TouchpointLines.Read(new MemoryStream(file)).Select(Describe).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    static string Describe((int Line, TouchpointReading Reading) read) => read.Reading switch
    {
        TouchpointReading.Accepted accepted => $"{read.Line}: {accepted.Touchpoint}",
        _ => $"{read.Line}: {read.Reading}",
    };

    static string Event(int n, string properties) =>
        "{\"id\":\"evt-" + n + "\",\"type\":\"product.viewed\",\"customerId\":\"c-" + n + "\",\"timestamp\":\"2026-11-16T00:00:" + n.ToString("D2")
        + "Z\",\"properties\":{\"sku\":\"S-" + n + "\"," + properties + "}}";
}
