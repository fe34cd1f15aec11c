using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Journeys.BrowseAbandoned;

public class BrowseAbandonedJourneyTests
{
    static Scenario Reachable() => new Scenario(Configs.With(Configs.Cart(), Configs.Browse()))
        .Given(Tp.Identify("2026-11-22T00:00:00Z"), Tp.Consent("2026-11-22T00:00:00Z"));

    [Fact]
    public void Enough_views_then_quiet_sends_the_browse_reminder()
    {
        Reachable().Given(Tp.View("2026-11-22T10:00:00Z"), Tp.View("2026-11-22T10:05:00Z", sku: "PHONE")).RunUntil("2026-11-23T00:00:00Z").Then(
            "2026-11-22 10:05 c-42 journey.entered browse_abandoned",
            "2026-11-22 12:05 c-42 message.sent browse_abandoned/1 email browse-reminder",
            "2026-11-22 12:05 c-42 journey.exited browse_abandoned completed");
    }

    [Fact]
    public void One_view_is_not_enough()
    {
        Reachable().Given(Tp.View("2026-11-22T10:00:00Z")).RunUntil("2026-11-23T00:00:00Z").Then();
    }

    [Fact]
    public void Later_views_push_the_reminder_out()
    {
        var s = Reachable().Given(Tp.View("2026-11-22T10:00:00Z"), Tp.View("2026-11-22T10:05:00Z"), Tp.View("2026-11-22T11:00:00Z"))
            .RunUntil("2026-11-23T00:00:00Z");
        Assert.Contains("2026-11-22 13:00 c-42 message.sent browse_abandoned/1 email browse-reminder", s.Lines);
    }

    [Fact]
    public void Cart_activity_ends_the_browse_journey()
    {
        var s = Reachable().Given(Tp.View("2026-11-22T10:00:00Z"), Tp.View("2026-11-22T10:05:00Z"), Tp.Add("2026-11-22T10:30:00Z"));
        Assert.Equal(new[]
        {
            "2026-11-22 10:05 c-42 journey.entered browse_abandoned",
            "2026-11-22 10:30 c-42 journey.exited browse_abandoned cart_activity",
            "2026-11-22 10:30 c-42 journey.entered abandoned_cart",
        }, s.Lines);
    }

    [Fact]
    public void An_order_ends_it()
    {
        var s = Reachable().Given(Tp.View("2026-11-22T10:00:00Z"), Tp.View("2026-11-22T10:05:00Z"), Tp.Order("2026-11-22T10:30:00Z"));
        Assert.Contains("2026-11-22 10:30 c-42 journey.exited browse_abandoned order_completed", s.Lines);
    }

    [Fact]
    public void It_never_starts_while_a_cart_journey_runs_nor_when_that_journey_ends()
    {
        var s = Reachable().Given(Tp.Add("2026-11-22T09:00:00Z"), Tp.View("2026-11-22T10:00:00Z"), Tp.View("2026-11-22T10:05:00Z"),
            Tp.Remove("2026-11-22T10:10:00Z")).RunUntil("2026-11-23T00:00:00Z");
        Assert.DoesNotContain(s.Lines, l => l.Contains("browse_abandoned", StringComparison.Ordinal));
        Assert.Equal(2, s.Customer().Browse.ViewsSinceReset);
    }

    [Fact]
    public void Add_to_cart_resets_the_view_count()
    {
        var s = Reachable().Given(Tp.View("2026-11-22T09:00:00Z"), Tp.Add("2026-11-22T09:01:00Z"), Tp.Order("2026-11-22T09:02:00Z"),
            Tp.View("2026-11-22T10:00:00Z")).RunUntil("2026-11-23T00:00:00Z");
        Assert.DoesNotContain(s.Lines, l => l.Contains("browse_abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public void Min_views_is_honoured()
    {
        var s = new Scenario(Configs.With(Configs.Browse(minViews: 3))).Given(Tp.View("2026-11-22T10:00:00Z"), Tp.View("2026-11-22T10:01:00Z"));
        Assert.Empty(s.Lines);
        s.Given(Tp.View("2026-11-22T10:02:00Z"));
        Assert.Equal(new[] { "2026-11-22 10:02 c-42 journey.entered browse_abandoned" }, s.Lines);
    }
}
