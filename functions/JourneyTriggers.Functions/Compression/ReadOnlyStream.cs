namespace JourneyTriggers.Functions.Compression;

/// <summary>
/// A stream read front to back, once. Subclasses give one read, <see cref="ReadCoreAsync"/>, that runs either way:
/// with <c>sync</c> true every await in it meets a finished task, so the synchronous reads run the same code.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    protected abstract ValueTask<int> ReadCoreAsync(Memory<byte> destination, bool sync, CancellationToken cancellationToken);

    public sealed override int Read(byte[] destination, int offset, int count) =>
        ReadCoreAsync(destination.AsMemory(offset, count), sync: true, CancellationToken.None).GetAwaiter().GetResult();

    public sealed override Task<int> ReadAsync(byte[] destination, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(destination.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(destination, sync: false, cancellationToken);

    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();
    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
