using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace JourneyTriggers.Functions.Compression;

/// <summary>
/// Inflates gzip (RFC 1952) member after member, as <see cref="GZipStream"/> does, and checks what GZipStream does not:
/// that every member ends with its trailer and that the trailer's CRC-32 and length match what was inflated. GZipStream
/// ends quietly at the end of its input, so an export cut short in transfer was read as a shorter file and its missing
/// events were never reported. Here a member without its trailer, a trailer that does not match, or anything but another
/// member after one, throws <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class CheckedGzipStream : ReadOnlyStream
{
    // DeflateStream asks its source for at most this much at a time (its buffer), so a member's deflate data ends inside
    // the last piece handed to it, and its trailer is found there or right after.
    const int Piece = 8192;
    const int TrailerLength = 8;

    readonly Stream source;
    readonly bool leaveOpen;
    readonly Crc32 crc = new();
    readonly byte[] expectedTrailer = new byte[TrailerLength];
    // Compressed bytes read from the source: [0, handed) went to the current member's inflater (the last piece of them
    // is kept for the trailer search), [handed, filled) not yet.
    byte[] buffer = new byte[4 * Piece];
    int handed, filled, lastPiece;
    bool sourceEnded;
    DeflateStream? member;
    long memberLength;
    int membersRead;
    bool finished;

    public CheckedGzipStream(Stream source, bool leaveOpen = false)
    {
        this.source = source;
        this.leaveOpen = leaveOpen;
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> destination, bool sync, CancellationToken cancellationToken)
    {
        while (!finished && destination.Length > 0)
        {
            if (member is null && !await StartMemberAsync(sync, cancellationToken)) return 0;
            var read = sync ? member!.Read(destination.Span) : await member!.ReadAsync(destination, cancellationToken);
            if (read > 0)
            {
                crc.Append(destination.Span[..read]);
                memberLength += read;
                return read;
            }
            await EndMemberAsync(sync, cancellationToken);
        }
        return 0;
    }

    /// <summary>Reads the next member's header; false at the end of the input after at least one member.</summary>
    async ValueTask<bool> StartMemberAsync(bool sync, CancellationToken cancellationToken)
    {
        var whole = await EnsureAsync(10, sync, cancellationToken);
        var header = buffer.AsSpan(handed, filled - handed);
        if (header.IsEmpty) return membersRead > 0 ? Finish() : throw new InvalidDataException("the input is empty");
        if (header[0] != 0x1F || (header.Length > 1 && header[1] != 0x8B))
            throw new InvalidDataException(membersRead > 0 ? NotAMember : "the input does not start with a gzip header");
        if (!whole) throw Cut();
        if (header[2] != 8) throw new InvalidDataException($"compression method {header[2]} is not deflate");
        var flags = header[3];
        if ((flags & 0xE0) != 0) throw new InvalidDataException("a gzip header has reserved flags set");
        // Offsets from the header's start: a read may move the buffer's contents, never their order.
        var at = 10;
        if ((flags & 4) != 0)
        {
            if (!await EnsureAsync(at + 2, sync, cancellationToken)) throw Cut();
            at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(handed + at));
        }
        foreach (var zeroTerminated in ZeroTerminatedFields)
        {
            if ((flags & zeroTerminated) == 0) continue;
            for (var begun = at; ; )
            {
                if (!await EnsureAsync(at + 1, sync, cancellationToken)) throw Cut();
                if (buffer[handed + at++] == 0) break;
                if (at - begun > MaxHeaderText) throw new InvalidDataException($"a gzip header's file name or comment is longer than {MaxHeaderText} bytes");
            }
        }
        if ((flags & 2) != 0) at += 2;
        if (!await EnsureAsync(at, sync, cancellationToken)) throw Cut();
        Skip(handed + at);
        crc.Reset();
        memberLength = 0;
        member = new DeflateStream(new Feeder(this), CompressionMode.Decompress);
        return true;
    }

    // FNAME and FCOMMENT; a name or comment of thousands of bytes is no header a real tool writes.
    static readonly byte[] ZeroTerminatedFields = [8, 16];
    const int MaxHeaderText = 1 << 16;
    const string NotAMember = "what follows a gzip member is not another member";

    /// <summary>
    /// The member's inflater has stopped: its trailer must follow its deflate data, and agree with what was read. The data
    /// ended somewhere in the last piece handed to the inflater; of the places there where the expected eight bytes stand,
    /// the trailer is the one followed by the end of the input or by the next member (an empty member's deflate data ends
    /// in zeros, as its trailer is all zeros).
    /// </summary>
    async ValueTask EndMemberAsync(bool sync, CancellationToken cancellationToken)
    {
        var trailer = expectedTrailer;
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)memberLength));
        var from = 0;
        var matched = false;
        while (true)
        {
            // Positions from the start of the last piece, which a read may move.
            await EnsureAsync(from + TrailerLength - lastPiece, sync, cancellationToken);
            var found = buffer.AsSpan(handed - lastPiece + from, filled - (handed - lastPiece + from)).IndexOf(trailer);
            if (found < 0)
                throw new InvalidDataException(matched ? NotAMember
                    : $"a gzip member ends without its trailer, or its trailer does not match the {memberLength} bytes inflated: the file is cut short or damaged");
            matched = true;
            var end = from + found + TrailerLength;
            await EnsureAsync(end + 2 - lastPiece, sync, cancellationToken);
            var after = buffer.AsSpan(handed - lastPiece + end, filled - (handed - lastPiece + end));
            if ((after.IsEmpty && sourceEnded) || (after.Length >= 2 && after[0] == 0x1F && after[1] == 0x8B))
            {
                member!.Dispose();
                member = null;
                membersRead++;
                Skip(handed - lastPiece + end);
                return;
            }
            from += found + 1;
        }
    }

    bool Finish()
    {
        finished = true;
        return false;
    }

    static InvalidDataException Cut() => new("the input ends inside a gzip header");

    /// <summary>
    /// At least <paramref name="count"/> bytes from <c>handed</c> are in the buffer; false when the source ends first. Room
    /// is made by dropping what is no longer needed (everything before the last piece handed out), and only when there
    /// is nothing to drop by growing the buffer.
    /// </summary>
    async ValueTask<bool> EnsureAsync(int count, bool sync, CancellationToken cancellationToken)
    {
        while (filled - handed < count && !sourceEnded)
        {
            if (filled == buffer.Length)
            {
                var keep = handed - lastPiece;
                if (keep == 0) Array.Resize(ref buffer, buffer.Length * 2);
                else
                {
                    buffer.AsSpan(keep, filled - keep).CopyTo(buffer);
                    filled -= keep;
                    handed -= keep;
                }
            }
            var into = buffer.AsMemory(filled);
            var read = sync ? source.Read(into.Span) : await source.ReadAsync(into, cancellationToken);
            if (read == 0) sourceEnded = true;
            filled += read;
        }
        return filled - handed >= count;
    }

    /// <summary>Everything before <paramref name="position"/> is read; what follows starts there.</summary>
    void Skip(int position)
    {
        handed = position;
        lastPiece = 0;
    }

    /// <summary>
    /// Hands the next piece to the member's inflater. The last piece that held anything is kept for the trailer search:
    /// the inflater asks once more after the input's end before it reports its own.
    /// </summary>
    async ValueTask<int> HandAsync(Memory<byte> into, bool sync, CancellationToken cancellationToken)
    {
        await EnsureAsync(1, sync, cancellationToken);
        var count = Math.Min(Math.Min(into.Length, Piece), filled - handed);
        buffer.AsSpan(handed, count).CopyTo(into.Span);
        handed += count;
        if (count > 0) lastPiece = count;
        return count;
    }

    /// <summary>The member's inflater's view of the compressed input.</summary>
    sealed class Feeder(CheckedGzipStream owner) : ReadOnlyStream
    {
        protected override ValueTask<int> ReadCoreAsync(Memory<byte> destination, bool sync, CancellationToken cancellationToken) =>
            owner.HandAsync(destination, sync, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            member?.Dispose();
            if (!leaveOpen) source.Dispose();
        }
        base.Dispose(disposing);
    }
}
