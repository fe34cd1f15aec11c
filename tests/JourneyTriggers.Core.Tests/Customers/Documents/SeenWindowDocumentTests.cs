using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>
/// The dedupe window's two columns (ids, and instants as tick deltas) read back to the very instants
/// written, whatever they are: equal, decreasing, a nanosecond apart, centuries apart, at NodaTime's ends.
/// </summary>
public class SeenWindowDocumentTests
{
    const long MaxExactTicks = (1L << 53) - 1;
    static readonly long MinTicks = Instant.MinValue.ToUnixTimeTicks();
    static readonly long MaxTicks = Instant.MaxValue.ToUnixTimeTicks();

    static readonly Gen<Instant> AnyInstant = Gen.Frequency(
        (3, Gen.Long[MinTicks, MaxTicks].Select(Instant.FromUnixTimeTicks)),
        (2, Gen.Select(Gen.Long[MinTicks, MaxTicks - 1], Gen.Int[1, 99], (ticks, nanos) => Instant.FromUnixTimeTicks(ticks).PlusNanoseconds(nanos))),
        (1, Gen.OneOf(Instant.MinValue, Instant.MaxValue, Instant.FromUnixTimeTicks(MaxTicks), Instant.FromUnixTimeTicks(0))));

    /// <summary>How an instant follows the one before it: what makes the deltas interesting.</summary>
    static readonly Gen<Func<Instant, Instant>> Follow = Gen.Frequency(
        (2, AnyInstant.Select(anywhere => (Func<Instant, Instant>)(_ => anywhere))),
        (2, Gen.Const<Func<Instant, Instant>>(previous => previous)),
        (4, Gen.Long[-36_000_000_000, 36_000_000_000].Select(ticks => (Func<Instant, Instant>)(previous => Step(previous, Duration.FromTicks(ticks))))),
        (1, Gen.Select(Gen.Long[-2, 2], Gen.Bool, (offset, back) =>
            (Func<Instant, Instant>)(previous => Step(previous, Duration.FromTicks((MaxExactTicks + offset) * (back ? -1 : 1)))))),
        (1, Gen.Long[-250, 250].Select(nanos => (Func<Instant, Instant>)(previous => Step(previous, Duration.FromNanoseconds(nanos))))));

    static readonly string[] Ids = ["evt-1", "", "สั่งซื้อ-7", "a\"b\\c\n\u0001", "00004a38-0000-0007-0102-030405060708"];

    static readonly Gen<ImmutableArray<SeenTouchpoint>> Window =
        Gen.Select(AnyInstant, Follow.Array[0, 60]).Select((first, steps) =>
        {
            var at = first;
            var window = ImmutableArray.CreateBuilder<SeenTouchpoint>(steps.Length + 1);
            window.Add(new SeenTouchpoint(Ids[0], at));
            for (var i = 0; i < steps.Length; i++)
            {
                at = steps[i](at);
                window.Add(new SeenTouchpoint(Ids[i % Ids.Length] + i, at));
            }
            return window.MoveToImmutable();
        });

    /// <summary>The step, or (past NodaTime's range) the previous instant again.</summary>
    static Instant Step(Instant previous, Duration by) =>
        by < Duration.Zero ? (previous - Instant.MinValue >= -by ? previous + by : previous)
        : (Instant.MaxValue - previous >= by ? previous + by : previous);

    static CustomerState With(ImmutableArray<SeenTouchpoint> window) => SampleStates.Small() with { Seen = new SeenTouchpoints(window) };

    static JsonElement[] AtColumn(byte[] document)
    {
        using var parsed = JsonDocument.Parse(document);
        return [.. parsed.RootElement.GetProperty("seen").GetProperty("at").EnumerateArray().Select(e => e.Clone())];
    }

    static bool IsWholeTicks(Instant instant) => Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks()) == instant;

    [Fact]
    public void Any_window_reads_back_exactly_and_every_gap_that_can_be_a_number_is_one() =>
        Window.Sample(window =>
        {
            var bytes = CustomerDocument.Serialize(With(window));
            var read = CustomerDocument.Deserialize(bytes);

            Assert.Equal(window.ToArray(), read.Seen.Ids.ToArray());
            Assert.Equal(bytes, CustomerDocument.Serialize(read));
            var at = AtColumn(bytes);
            Assert.Equal(window.Length, at.Length);
            for (var i = 0; i < at.Length; i++)
            {
                var countable = i > 0 && IsWholeTicks(window[i - 1].SeenAt) && IsWholeTicks(window[i].SeenAt)
                    && Math.Abs((window[i].SeenAt - window[i - 1].SeenAt).BclCompatibleTicks) <= MaxExactTicks;
                Assert.Equal(countable ? JsonValueKind.Number : JsonValueKind.String, at[i].ValueKind);
            }
        }, iter: 3_000, print: window => string.Join(", ", window.Select(s => s.SeenAt.ToString())));

    [Fact]
    public void The_instants_column_counts_ticks_from_the_one_before()
    {
        var t = Tp.At("2026-11-23T09:16:28.98602Z");
        var window = ImmutableArray.Create(
            new SeenTouchpoint("evt-1", t),
            new SeenTouchpoint("evt-2", t + Duration.FromMilliseconds(1500)),
            new SeenTouchpoint("evt-3", t + Duration.FromMilliseconds(1500)),
            new SeenTouchpoint("evt-4", t),
            new SeenTouchpoint("evt-5", t + Duration.FromNanoseconds(1)),
            new SeenTouchpoint("evt-6", t + Duration.FromNanoseconds(101)),
            new SeenTouchpoint("evt-7", Instant.MaxValue));

        var text = Encoding.UTF8.GetString(CustomerDocument.Serialize(With(window)));

        Assert.Contains("""
            "seen":{"ids":["evt-1","evt-2","evt-3","evt-4","evt-5","evt-6","evt-7"],"at":["2026-11-23T09:16:28.98602Z",15000000,0,-15000000,"2026-11-23T09:16:28.986020001Z","2026-11-23T09:16:28.986020101Z","9999-12-31T23:59:59.999999999Z"]}
            """, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The window is read on every load: past its id strings, it costs one array of entries and one of
    /// hashes, not a copy per step (a builder, then the log's own array).
    /// </summary>
    [Fact]
    public void Reading_a_full_window_allocates_little_more_than_its_id_strings()
    {
        var t = Tp.At("2026-11-23T09:00:00Z");
        var window = Enumerable.Range(0, SeenTouchpoints.MaxIds).Select(i => new SeenTouchpoint($"evt-{14_000 + i}", t + Duration.FromMilliseconds(2_345L * i)));
        var full = CustomerDocument.Serialize(With([.. window]));
        var empty = CustomerDocument.Serialize(With([]));

        var perId = (Allocated(full) - Allocated(empty)) / SeenTouchpoints.MaxIds;

        // "evt-14000" is a 40-byte string, an entry (reference and instant) 24 bytes and its hash 4: 68.
        Assert.True(perId <= 72, $"{perId} bytes allocated per id read");
    }

    static long Allocated(byte[] document)
    {
        for (var i = 0; i < 3; i++) CustomerDocument.Deserialize(document);
        const int Rounds = 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++) CustomerDocument.Deserialize(document);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;
    }
}
