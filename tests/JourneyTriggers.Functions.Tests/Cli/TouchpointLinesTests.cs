using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Tests.Cli;

/// <summary>Lines are read ahead on another thread in batches: file order and line numbers must come through unchanged.</summary>
public sealed class TouchpointLinesTests
{
    [Fact]
    public void Many_batches_come_back_in_file_order_with_their_line_numbers()
    {
        var lines = Enumerable.Range(1, 5_000).Select(n => n % 7 == 0 ? "" : n % 11 == 0 ? "{ not json" : Event(n)).ToList();

        var read = TouchpointLines.Read(new StringReader(string.Join("\n", lines))).ToList();

        var expected = Enumerable.Range(1, 5_000).Where(n => n % 7 != 0).ToList();
        Assert.Equal(expected, read.Select(r => r.Line));
        foreach (var (line, reading) in read)
        {
            if (line % 11 == 0) Assert.StartsWith("invalid JSON", Assert.IsType<TouchpointReading.Rejected>(reading).Reason);
            else Assert.Equal($"evt-{line}", Assert.IsType<TouchpointReading.Accepted>(reading).Touchpoint.Id.Value);
        }
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_refused_and_invalid_json_named_by_its_byte()
    {
        byte[] file = [.. "{\"id\":\"x\", \n"u8, .. System.Text.Encoding.UTF8.GetBytes(Event(2)[..^1]), .. ",\"source\":\"caf"u8, 0xE9, .. "\"}\n"u8, .. System.Text.Encoding.UTF8.GetBytes(Event(3))];

        var read = TouchpointLines.Read(new MemoryStream(file)).ToList();

        Assert.Equal("invalid JSON: Expected start of a property name or value, but instead reached end of data (byte 12)",
            Assert.IsType<TouchpointReading.Rejected>(read[0].Reading).Reason);
        Assert.Equal($"not UTF-8: byte 0xE9 at byte {Event(2).Length - 1 + ",\"source\":\"caf".Length + 1} of the line; save the file as UTF-8",
            Assert.IsType<TouchpointReading.Rejected>(read[1].Reading).Reason);
        Assert.Equal("evt-3", Assert.IsType<TouchpointReading.Accepted>(read[2].Reading).Touchpoint.Id.Value);
    }

    [Fact]
    public void A_reader_that_stops_early_ends_the_reading_ahead()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 100_000).Select(Event));

        var firstFew = TouchpointLines.Read(new StringReader(lines)).Take(3).Select(r => r.Line).ToList();

        Assert.Equal([1, 2, 3], firstFew);
    }

    [Fact]
    public void A_failure_to_read_reaches_the_caller()
    {
        var error = Assert.Throws<IOException>(() => TouchpointLines.Read(new FailingReader()).ToList());
        Assert.Equal("disk went away", error.Message);
    }

    static string Event(int n) =>
        $$"""{"id":"evt-{{n}}","type":"app.opened","customerId":"c-{{n % 13}}","timestamp":"2026-11-16T00:00:{{n % 60:D2}}Z"}""";

    sealed class FailingReader : TextReader
    {
        int lines;

        public override string? ReadLine() => ++lines <= 2000 ? Event(lines) : throw new IOException("disk went away");
    }
}
