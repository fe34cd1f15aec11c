using System.Buffers;
using System.Text.Json;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// One buffer and writer per thread and per <typeparamref name="TOwner"/> (each owner has its own writer options),
/// reused: serializing a value on a hot path then allocates only its bytes, not a growing buffer and a writer each time.
/// A buffer grown past <see cref="KeepBufferUpTo"/> by an unusual value is let go rather than kept for good.
/// </summary>
internal static class ReusedJsonWriter<TOwner>
{
    const int KeepBufferUpTo = 1 << 20;
    [ThreadStatic] static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] static Utf8JsonWriter? writer;

    /// <summary>The bytes <paramref name="write"/> writes for <paramref name="value"/>, as a new array of exactly their length.</summary>
    public static byte[] ToArray<T>(JsonWriterOptions options, T value, Action<Utf8JsonWriter, T> write)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var json = writer ??= new Utf8JsonWriter(output, options);
        json.Reset(output);
        try
        {
            write(json, value);
            json.Flush();
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            output.ResetWrittenCount();
            if (output.Capacity > KeepBufferUpTo) (buffer, writer) = (null, null);
        }
    }
}
