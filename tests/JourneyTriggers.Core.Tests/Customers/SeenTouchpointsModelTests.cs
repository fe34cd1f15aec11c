using System.Collections.Immutable;
using CsCheck;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers;

/// <summary>
/// The dedupe window's shared chunks against the plain definition — an immutable list of (id, seen
/// at), the expired and the oldest past the bound dropped, the new id appended — over random
/// histories that record on the newest version or fork from an older one, jump past the window and
/// pass the 1,000-id bound, so that chunks fill, link, fork and compact.
/// </summary>
public class SeenTouchpointsModelTests
{
    static readonly Instant T0 = Instant.FromUtc(2026, 11, 16, 0, 0);

    /// <summary>One step: which earlier version to record on (0 = the newest), and how far the clock moves first.</summary>
    sealed record Step(int Back, long Seconds);

    static readonly Gen<Step> Steps = Gen.Frequency(
        (20, Gen.Long[0, 600].Select(s => new Step(0, s))),
        (2, Gen.Select(Gen.Int[1, 40], Gen.Long[0, 600], (b, s) => new Step(b, s))),
        (1, Gen.Long[0, 8 * 86_400].Select(s => new Step(0, s))));

    [Fact]
    public void Every_version_holds_what_the_plain_list_holds()
    {
        Gen.Int[1, 2_500].SelectMany(n => Steps.Array[n]).Sample(steps =>
        {
            var versions = new List<(SeenTouchpoints Seen, ImmutableList<SeenTouchpoint> Model)> { (SeenTouchpoints.Empty, []) };
            var now = T0;
            for (var i = 0; i < steps.Length; i++)
            {
                now += Duration.FromSeconds(steps[i].Seconds);
                var (seen, model) = versions[Math.Max(0, versions.Count - 1 - steps[i].Back)];
                var id = new TouchpointId("e-" + i);
                versions.Add((seen.Record(id, now), Recorded(model, id, now)));
            }
            foreach (var (seen, model) in versions.Where((_, i) => i % 97 == 0 || i >= versions.Count - 3))
            {
                Assert.Equal(model, seen.Ids);
                Assert.All(model, entry => Assert.True(seen.Contains(new TouchpointId(entry.Id))));
                Assert.False(seen.Contains(new TouchpointId("e-" + steps.Length)));
            }
            var (newest, newestModel) = versions[^1];
            var dropped = versions.SelectMany(v => v.Model).Select(e => e.Id).Distinct().Except(newestModel.Select(e => e.Id));
            Assert.All(dropped.Take(50), id => Assert.False(newest.Contains(new TouchpointId(id))));
        }, iter: 60);
    }

    static ImmutableList<SeenTouchpoint> Recorded(ImmutableList<SeenTouchpoint> model, TouchpointId id, Instant now)
    {
        var kept = model.RemoveAll(e => e.SeenAt <= now - SeenTouchpoints.Window);
        if (kept.Count >= SeenTouchpoints.MaxIds) kept = kept.RemoveRange(0, kept.Count - SeenTouchpoints.MaxIds + 1);
        return kept.Add(new SeenTouchpoint(id.Value, now));
    }
}
