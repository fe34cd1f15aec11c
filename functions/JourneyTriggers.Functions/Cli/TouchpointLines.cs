using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Streams a JSON-lines file of touchpoints in file order. A line that is not JSON, or not a
/// touchpoint, becomes a rejection naming its line number; the lines after it go on.
/// <para>
/// Lines are read, parsed and normalised ahead on a thread of their own, handed over in file order in
/// batches, so the engine replays one batch on the caller's core while the next is read on the other.
/// Reading is pure (every line's reading depends on that line alone), so this changes no output.
/// </para>
/// <para>
/// A file is read as UTF-8 bytes, parsed without a detour through a string; it splits, skips blank
/// lines and reads each line exactly as reading it with a <see cref="StreamReader"/> would, which a file with a
/// UTF-16 or UTF-32 byte order mark still does. A line that is not valid UTF-8 is refused, as the live hosts refuse it.
/// </para>
/// </summary>
internal static class TouchpointLines
{
    /// <summary>Lines per hand-over: large enough that handing over costs nothing per line.</summary>
    const int BatchSize = 1024;

    /// <summary>Batches read ahead at most, so a slow replay does not let the whole file pile up in memory.</summary>
    const int BatchesAhead = 16;

    public static IEnumerable<(int Line, TouchpointReading Reading)> Read(TextReader reader) => ReadAhead(() => Readings(reader));

    /// <summary>
    /// The lines of a stream, from its start. One in UTF-16 or UTF-32 is read again from its start as text, which a stream
    /// that cannot go back (standard input, a decompressed file) cannot be: that is an <see cref="UnreadableEventsException"/>.
    /// </summary>
    public static IEnumerable<(int Line, TouchpointReading Reading)> Read(Stream file)
    {
        var lines = new Utf8Lines(file);
        if (lines.TryStart()) return ReadAhead(() => Readings(lines));
        if (!file.CanSeek)
            throw new UnreadableEventsException("it starts with a UTF-16 or UTF-32 byte order mark, which only a plain file can be read in; give UTF-8, or the file itself.");
        file.Position = 0;
        return Read(new StreamReader(file));
    }

    static IEnumerable<(int Line, TouchpointReading Reading)> ReadAhead(Func<IEnumerable<(int, TouchpointReading)>> readings)
    {
        using var stop = new CancellationTokenSource();
        using var batches = new BlockingCollection<List<(int, TouchpointReading)>>(BatchesAhead);
        var readAhead = Task.Factory.StartNew(() => ReadAhead(readings(), batches, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
                foreach (var reading in batch)
                    yield return reading;
            // Surfaces a failure to read the file (an I/O error) where the caller reads.
            readAhead.GetAwaiter().GetResult();
        }
        finally
        {
            // The caller stopped early or failed: the reading thread stops at its next hand-over. Its own
            // failure, if any, was raised above or no longer matters; waiting must not replace the caller's.
            stop.Cancel();
            ((IAsyncResult)readAhead).AsyncWaitHandle.WaitOne();
        }
    }

    static void ReadAhead(IEnumerable<(int, TouchpointReading)> readings, BlockingCollection<List<(int, TouchpointReading)>> batches, CancellationToken stop)
    {
        try
        {
            var batch = new List<(int, TouchpointReading)>(BatchSize);
            var catalogue = new ProductCatalogue();
            foreach (var (number, reading) in readings)
            {
                batch.Add((number, Shared(reading, catalogue)));
                if (batch.Count < BatchSize) continue;
                batches.Add(batch, stop);
                batch = new List<(int, TouchpointReading)>(BatchSize);
            }
            if (batch.Count > 0) batches.Add(batch, stop);
        }
        finally
        {
            batches.CompleteAdding();
        }
    }

    /// <summary>The reading with its product's shared copy; a reading that already has it, or has none, is handed on as it is.</summary>
    static TouchpointReading Shared(TouchpointReading reading, ProductCatalogue catalogue) =>
        reading is TouchpointReading.Accepted accepted && catalogue.Share(accepted.Touchpoint) is var shared && !ReferenceEquals(shared, accepted.Touchpoint)
            ? new TouchpointReading.Accepted(shared)
            : reading;

    static IEnumerable<(int, TouchpointReading)> Readings(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) yield return (number, ReadLine(line));
        }
    }

    static IEnumerable<(int, TouchpointReading)> Readings(Utf8Lines lines)
    {
        var number = 0;
        while (lines.TryRead(out var line))
        {
            number++;
            if (ReadLine(line) is { } reading) yield return (number, reading);
        }
    }

    /// <summary>
    /// A line's reading, or null for a blank line. A line that is not valid UTF-8 is refused; one whose only
    /// ASCII is white space is read as a string, since other Unicode white space may make it blank.
    /// </summary>
    static TouchpointReading? ReadLine(ReadOnlyMemory<byte> line)
    {
        var bytes = line.Span;
        if (!Utf8.IsValid(bytes)) return NotUtf8(bytes);
        if (HasVisibleAscii(bytes)) return Parsed(line);
        if (Ascii.IsValid(bytes)) return null;
        var text = Encoding.UTF8.GetString(bytes);
        return string.IsNullOrWhiteSpace(text) ? null : ReadLine(text);
    }

    /// <summary>Whether an ASCII character other than white space occurs: then the line is not blank, whatever else it holds.</summary>
    static bool HasVisibleAscii(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b < 0x80 && !char.IsWhiteSpace((char)b)) return true;
        return false;
    }

    static TouchpointReading Parsed(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return TouchpointNormaliser.Read(document.RootElement, now: null);
        }
        catch (JsonException e)
        {
            return Invalid(e);
        }
    }

    static TouchpointReading ReadLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return TouchpointNormaliser.Read(document.RootElement, now: null);
        }
        catch (JsonException e)
        {
            return Invalid(e);
        }
    }

    static TouchpointReading.Rejected Invalid(JsonException e) => new(null, null, TouchpointNormaliser.InvalidJson(e));

    /// <summary>A line that is not UTF-8 (a Latin-1 é, say): refused as live ingestion refuses it, not read with U+FFFD in its place.</summary>
    static TouchpointReading.Rejected NotUtf8(ReadOnlySpan<byte> line)
    {
        var at = 0;
        while (Rune.DecodeFromUtf8(line[at..], out _, out var length) == System.Buffers.OperationStatus.Done) at += length;
        return new(null, null, $"not UTF-8: byte 0x{line[at]:X2} at byte {at + 1} of the line; save the file as UTF-8");
    }
}
