using System.Buffers;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// A reused buffer (<see cref="ReusedBuffer{TOwner}"/>) and writer per thread and per <typeparamref name="TOwner"/> (each
/// owner has its own writer options): serializing a value on a hot path then allocates only its bytes, not a growing
/// buffer and a writer each time.
/// </summary>
internal static class ReusedJsonWriter<TOwner>
{
    [ThreadStatic] static Utf8JsonWriter? writer;

    /// <summary>The bytes <paramref name="write"/> writes for <paramref name="value"/>, as a new array of exactly their length.</summary>
    public static byte[] ToArray<T>(JsonWriterOptions options, T value, Action<Utf8JsonWriter, T> write) =>
        Written(options, value, write, static output => output.WrittenSpan.ToArray());

    /// <summary>The same bytes as UTF-16 text, for a host that stores JSON as a string.</summary>
    public static string ToText<T>(JsonWriterOptions options, T value, Action<Utf8JsonWriter, T> write) =>
        Written(options, value, write, static output => Encoding.UTF8.GetString(output.WrittenSpan));

    static TResult Written<T, TResult>(JsonWriterOptions options, T value, Action<Utf8JsonWriter, T> write, Func<ArrayBufferWriter<byte>, TResult> copy)
    {
        var output = ReusedBuffer<TOwner>.Take();
        // Taken too, so that a nested use of the same owner gets a writer of its own.
        var json = writer ?? new Utf8JsonWriter(output, options);
        writer = null;
        json.Reset(output);
        try
        {
            write(json, value);
            json.Flush();
            return copy(output);
        }
        finally
        {
            ReusedBuffer<TOwner>.GiveBack(output);
            writer = json;
        }
    }
}
