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
    public static byte[] ToArray<T>(JsonWriterOptions options, T value, Action<Utf8JsonWriter, T> write)
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
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            ReusedBuffer<TOwner>.GiveBack(output);
            writer = json;
        }
    }
}
