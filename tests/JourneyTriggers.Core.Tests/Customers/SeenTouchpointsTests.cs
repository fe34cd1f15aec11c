using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers;

/// <summary>
/// The dedupe window shares one append-only log between its versions; these pin down that every
/// version still behaves as an immutable value.
/// </summary>
public class SeenTouchpointsTests
{
    static readonly Instant T0 = Tp.At("2026-11-22T10:00:00Z");

    static SeenTouchpoints Record(SeenTouchpoints seen, int from, int count, Instant at)
    {
        for (var i = from; i < from + count; i++) seen = seen.Record(new TouchpointId("e-" + i), at);
        return seen;
    }

    static string[] Ids(SeenTouchpoints seen) => seen.Ids.Select(s => s.Id).ToArray();

    [Fact]
    public void Recording_on_an_older_version_leaves_the_newer_one_as_it_was()
    {
        var older = Record(SeenTouchpoints.Empty, 0, 3, T0);
        var newer = older.Record(new TouchpointId("new"), T0);
        var fork = older.Record(new TouchpointId("fork"), T0);

        Assert.Equal(["e-0", "e-1", "e-2", "new"], Ids(newer));
        Assert.Equal(["e-0", "e-1", "e-2", "fork"], Ids(fork));
        Assert.Equal(["e-0", "e-1", "e-2"], Ids(older));
        Assert.True(newer.Contains(new TouchpointId("new")));
        Assert.False(newer.Contains(new TouchpointId("fork")));
        Assert.False(older.Contains(new TouchpointId("new")));
    }

    [Fact]
    public void Ids_older_than_the_window_go_and_the_bound_keeps_the_newest()
    {
        var week = Record(SeenTouchpoints.Empty, 0, 2, T0);
        var later = week.Record(new TouchpointId("late"), T0 + SeenTouchpoints.Window);
        Assert.Equal(["late"], Ids(later));

        var full = Record(SeenTouchpoints.Empty, 0, SeenTouchpoints.MaxIds + 5, T0);
        Assert.Equal(SeenTouchpoints.MaxIds, full.Ids.Length);
        Assert.Equal("e-5", full.Ids[0].Id);
        Assert.False(full.Contains(new TouchpointId("e-4")));
        Assert.True(full.Contains(new TouchpointId("e-5")));
    }

    [Fact]
    public void A_window_loaded_from_a_document_round_trips_and_grows()
    {
        var stored = Record(SeenTouchpoints.Empty, 0, 10, T0).Ids;
        var loaded = new SeenTouchpoints(stored);
        var grown = Record(loaded, 10, 20, T0);

        Assert.Equal(stored.ToArray(), loaded.Ids.ToArray());
        Assert.Equal(30, grown.Ids.Length);
        Assert.Equal(10, loaded.Ids.Length);
        Assert.True(grown.Contains(new TouchpointId("e-0")) && grown.Contains(new TouchpointId("e-29")));
    }

    [Fact]
    public void Ids_can_still_be_set_with_with_and_deconstructed()
    {
        var seen = Record(SeenTouchpoints.Empty, 0, 3, T0);
        var replaced = seen with { Ids = [new SeenTouchpoint("x", T0)] };
        replaced.Deconstruct(out var ids);

        Assert.Equal(["x"], ids.Select(s => s.Id));
        Assert.True(replaced.Contains(new TouchpointId("x")));
        Assert.False(replaced.Contains(new TouchpointId("e-0")));
        Assert.Equal(3, seen.Ids.Length);
    }

    [Fact]
    public void Two_threads_recording_on_the_same_version_each_get_their_own()
    {
        var shared = Record(SeenTouchpoints.Empty, 0, 100, T0);
        var results = new SeenTouchpoints[8];
        Parallel.For(0, results.Length, i => results[i] = Record(shared, 1000 * (i + 1), 50, T0));

        for (var i = 0; i < results.Length; i++)
        {
            var ids = Ids(results[i]);
            Assert.Equal(150, ids.Length);
            Assert.Equal(Enumerable.Range(1000 * (i + 1), 50).Select(n => "e-" + n), ids[100..]);
        }
        Assert.Equal(100, shared.Ids.Length);
    }
}
