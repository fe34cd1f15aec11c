using JourneyTriggers.Functions.Compression;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Where <c>simulate --events</c> reads from: a file, gzip-compressed or not (told by its first bytes, whatever its name),
/// or <c>-</c> for standard input, so that an export can be piped straight in (<c>curl … | simulate --events - …</c>).
/// </summary>
internal static class EventsInput
{
    public const string StandardInput = "-";

    static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    /// <summary>The problem with <paramref name="path"/> as <c>--events</c>, or null when it can be read.</summary>
    public static string? Problem(string path) =>
        path == StandardInput || File.Exists(path) ? null : $"--events: {path}: no such file (give - to read standard input)";

    public static Stream Open(string path, Func<Stream> standardInput)
    {
        if (path == StandardInput) return standardInput();
        var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return read == head.Length && head.SequenceEqual(GzipMagic) ? new CheckedGzipStream(file) : file;
    }
}
