namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// The lines of a UTF-8 stream as bytes, split exactly where <see cref="TextReader.ReadLine"/> splits
/// (<c>\n</c>, <c>\r</c> or <c>\r\n</c>; no empty line after a final terminator). Reading a line as
/// a string decoded every byte to UTF-16 and JSON parsing encoded it back, half a kilobyte of
/// garbage per event. A line is valid until the next one is read.
/// </summary>
internal sealed class Utf8Lines(Stream input, int bufferSize = 1 << 20)
{
    byte[] buffer = new byte[bufferSize];
    int start;
    int end;
    bool ended;

    /// <summary>
    /// Whether the stream is UTF-8 as <see cref="StreamReader"/> would read it: no UTF-16 or UTF-32
    /// byte order mark. A UTF-8 mark is skipped. Call once, before the first line.
    /// </summary>
    public bool TryStart()
    {
        while (end < 4 && !ended) Fill();
        var head = buffer.AsSpan(0, end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return false;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) start = 3;
        return true;
    }

    public bool TryRead(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var pending = buffer.AsSpan(start, end - start);
            var at = pending.IndexOfAny((byte)'\r', (byte)'\n');
            // A \r at the end of what was read may be the first half of \r\n: read on before deciding.
            if (at >= 0 && (pending[at] == '\n' || at + 1 < pending.Length || ended))
            {
                line = buffer.AsMemory(start, at);
                start += at + (pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? 2 : 1);
                return true;
            }
            if (ended)
            {
                line = buffer.AsMemory(start, end - start);
                start = end;
                return !line.IsEmpty;
            }
            Fill();
        }
    }

    void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        // A line longer than the buffer: the buffer grows to hold it.
        if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        var read = input.Read(buffer, end, buffer.Length - end);
        if (read == 0) ended = true;
        else end += read;
    }
}
