using System.Diagnostics;
using System.Text.Json;

namespace JourneyTriggers.Benchmarks.Commands;

/// <summary>
/// <c>parse-only --events FILE [--utf8 true]</c>: the floor under <c>simulate</c>. Reads the file line by
/// line and parses each line with <see cref="JsonDocument"/>, then disposes it; nothing else. By default
/// lines are read as strings (<see cref="StreamReader.ReadLine"/>), the obvious way; <c>--utf8 true</c>
/// splits the bytes on '\n' and parses the UTF-8 directly. Prints lines, wall time and lines/s to stderr.
/// </summary>
internal static class ParseOnlyCommand
{
    public static int Run(Options options)
    {
        var path = options.Required("events");
        var utf8 = options.String("utf8") is "true";
        var stopwatch = Stopwatch.StartNew();
        var (lines, properties) = utf8 ? ParseBytes(path) : ParseStrings(path);
        stopwatch.Stop();
        Console.Error.WriteLine($"parse-only ({(utf8 ? "utf8 bytes" : "string lines")}): {lines:N0} lines, {properties:N0} root properties, " +
                                $"{stopwatch.Elapsed.TotalSeconds:F2} s, {lines / stopwatch.Elapsed.TotalSeconds:N0} lines/s");
        return 0;
    }

    static (long Lines, long Properties) ParseStrings(string path)
    {
        long lines = 0, properties = 0;
        using var reader = new StreamReader(path);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            properties += document.RootElement.GetPropertyCount();
            lines++;
        }
        return (lines, properties);
    }

    static (long Lines, long Properties) ParseBytes(string path)
    {
        long lines = 0, properties = 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        while (true)
        {
            var read = file.Read(buffer, end, buffer.Length - end);
            end += read;
            int newline;
            while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                Parse(buffer.AsMemory(start, newline));
                start += newline + 1;
            }
            if (read == 0)
            {
                if (end > start) Parse(buffer.AsMemory(start, end - start));
                return (lines, properties);
            }
            if (start == 0 && end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            else
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }
        }

        void Parse(ReadOnlyMemory<byte> line)
        {
            if (line.Span.Trim(" \t\r"u8).IsEmpty) return;
            using var document = JsonDocument.Parse(line);
            properties += document.RootElement.GetPropertyCount();
            lines++;
        }
    }
}
