using System.Buffers;
using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Writes effects as JSON lines. Thai and other text stays readable rather than \u-escaped.
/// Lines gather in memory and reach the stream 64 KiB at a time: flushing a writer bound to the
/// stream after every effect cost a stream flush, on stdout a system call, per line.
/// </summary>
internal sealed class EffectLinesWriter : IDisposable
{
    const int DrainAt = 1 << 16;
    readonly Stream output;
    readonly ArrayBufferWriter<byte> lines = new(DrainAt + (DrainAt >> 2));
    readonly Utf8JsonWriter json;

    public EffectLinesWriter(Stream output)
    {
        this.output = output;
        json = new Utf8JsonWriter(lines, EffectWireFormat.LineOptions);
    }

    public void Write(IReadOnlyList<Effect> effects)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            EffectWireFormat.Write(json, effects[i]);
            // Bound to a buffer writer, Flush only commits the bytes; Reset starts the next top-level value.
            json.Flush();
            json.Reset();
            lines.GetSpan(1)[0] = (byte)'\n';
            lines.Advance(1);
            if (lines.WrittenCount >= DrainAt) Drain();
        }
    }

    public void Dispose()
    {
        json.Dispose();
        Drain();
        output.Flush();
    }

    void Drain()
    {
        output.Write(lines.WrittenSpan);
        lines.ResetWrittenCount();
    }
}
