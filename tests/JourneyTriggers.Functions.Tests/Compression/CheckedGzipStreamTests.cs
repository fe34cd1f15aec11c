using System.IO.Compression;
using System.Text;
using JourneyTriggers.Functions.Compression;

namespace JourneyTriggers.Functions.Tests.Compression;

public class CheckedGzipStreamTests
{
    static readonly byte[] First = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"{{\"id\":\"e-{i}\",\"type\":\"app.opened\"}}\n")));
    static readonly byte[] Second = Encoding.UTF8.GetBytes("{\"id\":\"last\"}\n");

    static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(data);
        return buffer.ToArray();
    }

    /// <summary>Two members back to back, as <c>cat a.gz b.gz</c> makes them.</summary>
    static readonly byte[] TwoMembers = [.. Gzip(First), .. Gzip(Second)];

    static byte[] Inflate(byte[] compressed, bool async)
    {
        using var checkedGzip = new CheckedGzipStream(new MemoryStream(compressed));
        using var output = new MemoryStream();
        if (async) checkedGzip.CopyToAsync(output, 7).GetAwaiter().GetResult();
        else checkedGzip.CopyTo(output, 7);
        return output.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_member_is_read_as_gzip_reads_it(bool async)
    {
        Assert.Equal([.. First, .. Second], Inflate(TwoMembers, async));
    }

    [Fact]
    public void A_file_cut_anywhere_short_of_its_end_is_refused()
    {
        // GZipStream reads most of these cuts as a shorter file, without a word. Cut right after the first member, the
        // file is a complete one-member file: nothing says more was meant to follow.
        var firstMember = Gzip(First).Length;
        for (var length = 1; length < TwoMembers.Length; length++)
        {
            if (length == firstMember) continue;
            var cut = TwoMembers[..length];
            Assert.Throws<InvalidDataException>(() => Inflate(cut, async: length % 2 == 0));
        }
    }

    [Fact]
    public void A_trailer_that_does_not_match_what_was_inflated_is_refused()
    {
        var damaged = Gzip(First);
        damaged[^8] ^= 0x01;

        var error = Assert.Throws<InvalidDataException>(() => Inflate(damaged, async: false));
        Assert.Contains("cut short or damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_after_the_last_member_that_are_no_member_are_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Inflate([.. Gzip(First), (byte)'x', (byte)'y'], async: false));
        Assert.Contains("not another member", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_extra_field_name_comment_and_header_crc_is_read()
    {
        var plain = Gzip(Second);
        byte[] header =
        [
            0x1F, 0x8B, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 255,
            3, 0, (byte)'a', (byte)'b', (byte)'c',
            .. "events.ndjson"u8, 0,
            .. "exported"u8, 0,
            0x12, 0x34,
        ];

        Assert.Equal(Second, Inflate([.. header, .. plain[10..]], async: true));
    }

    [Fact]
    public void An_empty_member_whose_deflate_data_ends_in_zeros_like_its_trailer_is_read()
    {
        // What gzip </dev/null writes (GZipStream writes nothing at all for no data): a header, the deflate data 03 00, and a
        // trailer of eight zeros. The end-of-file member of every BGZF file is the same.
        byte[] empty = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.Empty(Inflate(empty, async: false));
        Assert.Equal([.. First, .. Second], Inflate([.. Gzip(First), .. empty, .. Gzip(Second), .. empty], async: true));
    }

    [Fact]
    public void A_header_with_reserved_flags_or_a_name_without_end_is_refused()
    {
        var reserved = Gzip(Second);
        reserved[3] = 0x20;
        byte[] endlessName = [0x1F, 0x8B, 8, 8, 0, 0, 0, 0, 0, 255, .. Enumerable.Repeat((byte)'n', (1 << 16) + 2)];

        Assert.Contains("reserved flags", Assert.Throws<InvalidDataException>(() => Inflate(reserved, async: false)).Message, StringComparison.Ordinal);
        Assert.Contains("longer than 65536 bytes", Assert.Throws<InvalidDataException>(() => Inflate(endlessName, async: false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_tiny_members_are_read_one_after_the_other()
    {
        var members = Enumerable.Range(0, 2_000).SelectMany(i => Gzip([(byte)('a' + i % 26)])).ToArray();

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => (byte)('a' + i % 26)), Inflate(members, async: true));
    }

    [Fact]
    public void A_large_member_crossing_many_reads_is_read_whole()
    {
        var large = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i * 7919 % 100_003}\n")));

        Assert.Equal(large, Inflate(Gzip(large), async: false));
    }
}
