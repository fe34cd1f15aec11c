using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Journeys.AppInactive;

public class AppInactiveJourneyTests
{
    static Scenario WithDevice() => new Scenario(Configs.With(Configs.App())).Given(Tp.Register("2026-11-01T00:00:00Z"));

    [Fact]
    public void An_app_user_gone_quiet_gets_a_push_after_the_wait()
    {
        WithDevice().Given(Tp.Open("2026-11-02T10:00:00Z")).RunUntil("2026-11-20T00:00:00Z").Then(
            "2026-11-02 10:00 c-42 journey.entered app_inactive",
            "2026-11-09 10:00 c-42 message.sent app_inactive/1 push we-miss-you",
            "2026-11-09 10:00 c-42 journey.exited app_inactive completed");
    }

    [Fact]
    public void An_open_before_the_step_fires_pushes_it_out()
    {
        var s = WithDevice().Given(Tp.Open("2026-11-02T10:00:00Z"), Tp.Open("2026-11-05T10:00:00Z")).RunUntil("2026-11-20T00:00:00Z");
        Assert.Contains("2026-11-12 10:00 c-42 message.sent app_inactive/1 push we-miss-you", s.Lines);
        Assert.Single(s.Lines, l => l.Contains("journey.entered", StringComparison.Ordinal));
    }

    [Fact]
    public void Customers_without_a_push_installation_are_not_armed()
    {
        new Scenario(Configs.With(Configs.App())).Given(Tp.Open("2026-11-02T10:00:00Z")).RunUntil("2026-11-20T00:00:00Z").Then();
    }

    [Fact]
    public void A_later_registration_arms_it_from_the_last_open_once()
    {
        var s = new Scenario(Configs.With(Configs.App())).Given(Tp.Open("2026-11-02T10:00:00Z"), Tp.Register("2026-11-03T10:00:00Z"))
            .RunUntil("2026-11-20T00:00:00Z").Given(Tp.Register("2026-11-20T00:00:00Z", installation: "inst-2")).RunUntil("2026-12-30T00:00:00Z");
        s.Then(
            "2026-11-03 10:00 c-42 journey.entered app_inactive",
            "2026-11-09 10:00 c-42 message.sent app_inactive/1 push we-miss-you",
            "2026-11-09 10:00 c-42 journey.exited app_inactive completed");
    }

    [Fact]
    public void An_open_after_a_step_fired_ends_the_journey_and_arms_a_new_one()
    {
        var config = Configs.With(Configs.Trigger("app_inactive", TriggerKind.AppInactive,
            Configs.Step(1, "P7D", Configs.Direct("we-miss-you", Channel.Push)), Configs.Step(2, "P7D", Configs.Direct("still-miss-you", Channel.Push))));
        new Scenario(config).Given(Tp.Register("2026-11-01T00:00:00Z"), Tp.Open("2026-11-02T10:00:00Z")).RunUntil("2026-11-10T00:00:00Z")
            .Given(Tp.Open("2026-11-10T00:00:00Z")).Then(
            "2026-11-02 10:00 c-42 journey.entered app_inactive",
            "2026-11-09 10:00 c-42 message.sent app_inactive/1 push we-miss-you",
            "2026-11-10 00:00 c-42 journey.exited app_inactive app_opened",
            "2026-11-10 00:00 c-42 journey.entered app_inactive");
    }

    [Fact]
    public void An_unregistered_device_leaves_no_reachable_channel()
    {
        var s = WithDevice().Given(Tp.Open("2026-11-02T10:00:00Z"), Tp.Unregister("2026-11-03T00:00:00Z")).RunUntil("2026-11-20T00:00:00Z");
        Assert.Contains("2026-11-09 10:00 c-42 message.suppressed app_inactive/1 no_reachable_channel", s.Lines);
    }
}
