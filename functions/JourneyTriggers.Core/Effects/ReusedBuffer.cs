using System.Buffers;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// One byte buffer per thread and per <typeparamref name="TOwner"/>, reused by a hot path that writes bytes it then
/// copies out: taken empty, given back after use (a nested use meanwhile gets a new one), and let go rather than kept
/// when an unusual value grew it past <see cref="KeepUpTo"/>.
/// </summary>
internal static class ReusedBuffer<TOwner>
{
    const int KeepUpTo = 1 << 20;
    [ThreadStatic] static ArrayBufferWriter<byte>? spare;

    public static ArrayBufferWriter<byte> Take()
    {
        var buffer = spare ?? new ArrayBufferWriter<byte>(16 * 1024);
        spare = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    public static void GiveBack(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= KeepUpTo) spare = buffer;
    }
}
