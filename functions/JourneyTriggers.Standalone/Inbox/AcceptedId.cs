using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// An acknowledged event id as the collector remembers it: a 128-bit hash of (customer, event id), and a 64-bit hash
/// of the customer alone so an erasure can find the customer's ids. 128 bits because a false match would answer
/// "duplicate" and drop an event: with n ids remembered the chance of any collision is about n² / 2^129, nil in practice.
/// </summary>
internal readonly record struct AcceptedId(UInt128 Event, ulong Customer)
{
    /// <summary>The customer part alone, as <see cref="Of"/> computes it: what an erasure looks for.</summary>
    public static ulong CustomerOf(ProfileKey customer) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(customer.Value));

    /// <summary>Bytes per id in an <c>accepted_ids</c> row.</summary>
    public const int Size = 24;

    const int StackLimit = 512;

    public static AcceptedId Of(ProfileKey customer, string eventId)
    {
        var keyLength = Encoding.UTF8.GetByteCount(customer.Value);
        // The key's length first, so no (customer, id) pair can run into another one.
        var length = sizeof(int) + keyLength + Encoding.UTF8.GetByteCount(eventId);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, keyLength);
            Encoding.UTF8.GetBytes(customer.Value, buffer[sizeof(int)..]);
            Encoding.UTF8.GetBytes(eventId, buffer[(sizeof(int) + keyLength)..]);
            return new AcceptedId(XxHash128.HashToUInt128(buffer[..length]), XxHash3.HashToUInt64(buffer.Slice(sizeof(int), keyLength)));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Ids as an <c>accepted_ids</c> row holds them, <see cref="Size"/> bytes each.</summary>
    public static byte[] Encode(ReadOnlySpan<AcceptedId> ids)
    {
        var bytes = new byte[ids.Length * Size];
        for (var i = 0; i < ids.Length; i++)
        {
            var slot = bytes.AsSpan(i * Size, Size);
            BinaryPrimitives.WriteUInt128LittleEndian(slot, ids[i].Event);
            BinaryPrimitives.WriteUInt64LittleEndian(slot[16..], ids[i].Customer);
        }
        return bytes;
    }

    public static AcceptedId[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % Size != 0)
            throw new InvalidDataException($"An accepted_ids row holds {bytes.Length} bytes, not a whole number of {Size}-byte ids.");
        var ids = new AcceptedId[bytes.Length / Size];
        for (var i = 0; i < ids.Length; i++)
        {
            var slot = bytes.Slice(i * Size, Size);
            ids[i] = new AcceptedId(BinaryPrimitives.ReadUInt128LittleEndian(slot), BinaryPrimitives.ReadUInt64LittleEndian(slot[16..]));
        }
        return ids;
    }
}
